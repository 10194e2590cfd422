import { simulate } from './simulator';

/**
 * The deterministic simulation tier: 2,000 seeds per `npm test` (1,500 with 3 voters,
 * 500 with 5 and harsher faults). A failure names its seed; `npm run sim:raft -- --from
 * SEED --seeds 1` replays it exactly. Long soaks: docs/design/raft.md.
 */
describe('Raft under simulated faults', () => {
  it('keeps every safety property and recovers after healing, over 1,500 seeds with 3 voters', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 1500; seed++) {
      const r = simulate(seed);
      if (!r.ok) failures.push(r.violation!);
    }
    expect(failures).toEqual([]);
  });

  it('does the same over 500 seeds with 5 voters, more crashes, loss and delay', () => {
    const failures: string[] = [];
    for (let seed = 100_001; seed <= 100_500; seed++) {
      const r = simulate(seed, { nodes: 5, crashRate: 0.02, maxDelay: 8, dropRate: 0.1, partitionRate: 0.03 });
      if (!r.ok) failures.push(r.violation!);
    }
    expect(failures).toEqual([]);
  });

  it('replays a seed exactly', () => {
    expect(simulate(42)).toEqual(simulate(42));
    expect(simulate(42).stats.committed).toBeGreaterThan(0);
  });
});
