import { describe, expect, it } from 'vitest';
import { formatKeyValueLines, parseKeyValueLines } from './key-values';

describe('key=value lines', () => {
  it('reads pairs, trims them, keeps "=" inside values and skips blank lines', () => {
    expect(parseKeyValueLines(' zone = eu \n\nrack=r1\nurl=a=b')).toEqual({
      pairs: [
        { key: 'zone', value: 'eu' },
        { key: 'rack', value: 'r1' },
        { key: 'url', value: 'a=b' },
      ],
      bad: null,
    });
  });

  it('names the first line that is not key=value', () => {
    expect(parseKeyValueLines('zone=eu\nnovalue\n=x').bad).toBe('novalue');
  });

  it('writes pairs back as lines', () => {
    expect(
      formatKeyValueLines([
        { key: 'zone', value: 'eu' },
        { key: 'empty', value: '' },
      ]),
    ).toBe('zone=eu\nempty=');
  });
});
