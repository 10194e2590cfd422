import { progressBar } from './progress';

describe('progressBar', () => {
  it('fills in proportion, with an arrow at the front while not done', () => {
    expect(progressBar(0, 5, 10)).toBe('[>         ] 0/5');
    expect(progressBar(3, 5, 10)).toBe('[======>   ] 3/5');
    expect(progressBar(5, 5, 10)).toBe('[==========] 5/5');
  });

  it('stays full past the total, and is full for nothing to do', () => {
    expect(progressBar(6, 5, 10)).toBe('[==========] 6/5');
    expect(progressBar(0, 0, 10)).toBe('[==========] 0/0');
  });
});
