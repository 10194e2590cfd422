import { editEnv } from './service';

describe('editEnv', () => {
  it('replaces a key given again, removes keys and keeps the rest in order', () => {
    expect(editEnv(['A=1', 'B=2', 'C=3'], ['B=20', 'D=4'], ['C'])).toEqual(['A=1', 'B=20', 'D=4']);
  });

  it('refuses an entry without =', () => {
    expect(() => editEnv([], ['NOPE'], [])).toThrow(/--env-add NOPE: expected KEY=VALUE/);
  });
});
