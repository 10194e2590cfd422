import type { LogEntry } from '@shoal/protocol';
import { LogDemuxer } from './log-demux';

const frame = (stream: number, text: string): Buffer => {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

async function demux(chunks: Buffer[]): Promise<LogEntry[]> {
  const d = new LogDemuxer();
  const lines: LogEntry[] = [];
  d.on('data', (e: LogEntry) => lines.push(e));
  const ended = new Promise((resolve) => d.on('end', resolve));
  for (const c of chunks) d.write(c);
  d.end();
  await ended;
  return lines;
}

describe('the docker log stream demultiplexer', () => {
  const T1 = '2026-11-30T06:31:37.123456789Z';
  const T2 = '2026-11-30T06:31:38.000000001Z';

  it('splits frames into lines by stream, with the engine timestamps', async () => {
    const lines = await demux([frame(1, `${T1} hello web.1\n`), frame(2, `${T2} oops\n`)]);
    expect(lines).toEqual([
      { stream: 'stdout', timestamp: T1, text: 'hello web.1' },
      { stream: 'stderr', timestamp: T2, text: 'oops' },
    ]);
  });

  it('reassembles headers and payloads cut across chunks, and lines cut across frames', async () => {
    const bytes = Buffer.concat([frame(1, `${T1} first `), frame(2, `${T2} err\n`), frame(1, `half\n${T2} second\n`), frame(1, `${T2} no newline`)]);
    // Feed one byte at a time: every boundary falls somewhere awkward.
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(await demux(chunks)).toEqual([
      { stream: 'stderr', timestamp: T2, text: 'err' },
      { stream: 'stdout', timestamp: T1, text: 'first half' },
      { stream: 'stdout', timestamp: T2, text: 'second' },
      { stream: 'stdout', timestamp: T2, text: 'no newline' },
    ]);
  });

  it('keeps UTF-8 characters cut between chunks or frames, and ignores unknown stream types', async () => {
    const euro = Buffer.from(`${T1} 5 €\n`, 'utf8');
    const cut = euro.length - 2; // inside the three bytes of €
    const header = (n: number) => {
      const h = Buffer.alloc(8);
      h[0] = 1;
      h.writeUInt32BE(n, 4);
      return h;
    };
    const split = Buffer.concat([header(cut), euro.subarray(0, cut), header(euro.length - cut), euro.subarray(cut)]);
    const lines = await demux([frame(0, 'stdin?\n'), header(euro.length), euro.subarray(0, cut), euro.subarray(cut), split]);
    expect(lines).toEqual([
      { stream: 'stdout', timestamp: T1, text: '5 €' },
      { stream: 'stdout', timestamp: T1, text: '5 €' },
    ]);
  });
});
