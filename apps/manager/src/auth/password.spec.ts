import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with a salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
    expect(a).toMatch(/^\$2[aby]\$10\$/);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct hors', a)).toBe(false);
  });

  it('answers no for an unknown user (no hash)', async () => {
    expect(await verifyPassword('anything at all', undefined)).toBe(false);
  });

  it.each([
    ['', 'must not be empty'],
    ['short', 'must be at least 8 characters'],
    ['        ', 'must not be only spaces'],
    ['é'.repeat(40), 'must be at most 72 bytes'],
  ])('refuses %j: %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('accepts a long enough password', () => {
    expect(passwordProblem('a decent passphrase')).toBeUndefined();
  });
});
