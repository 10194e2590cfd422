import { formatFields, formatTable } from './table';

describe('formatTable', () => {
  it('aligns columns three spaces apart without trailing spaces', () => {
    const text = formatTable(
      [
        { id: 'abc', name: 'web', replicas: '2/2' },
        { id: 'defghi', name: 'a-longer-name', replicas: '0/1' },
      ],
      [
        ['ID', 'id'],
        ['NAME', 'name'],
        ['REPLICAS', 'replicas'],
      ],
    );
    expect(text).toBe(['ID       NAME            REPLICAS', 'abc      web             2/2', 'defghi   a-longer-name   0/1', ''].join('\n'));
  });

  it('prints empty cells for missing values and only the header for no rows', () => {
    expect(
      formatTable(
        [{ a: 'x', b: null }],
        [
          ['A', 'a'],
          ['B', 'b'],
        ],
      ),
    ).toBe('A   B\nx\n');
    expect(formatTable([], [['ID', 'id']])).toBe('ID\n');
  });
});

describe('formatFields', () => {
  it('aligns values after the longest key', () => {
    expect(
      formatFields([
        ['ID', 'c1'],
        ['Raft leader', 'm1'],
        ['Empty', null],
      ]),
    ).toBe('ID:          c1\nRaft leader: m1\nEmpty:\n');
  });
});
