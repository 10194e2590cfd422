import { REDACTED, redact, redactedJson } from './redact';

describe('redact', () => {
  it('hides secret-named arguments at any depth', () => {
    expect(redact({ username: 'ann', password: 'hunter22', input: { newPassword: 'x', token: 'y', clientSecret: 'z', name: 'ok' } })).toEqual({
      username: 'ann',
      password: REDACTED,
      input: { newPassword: REDACTED, token: REDACTED, clientSecret: REDACTED, name: 'ok' },
    });
  });

  it('hides Shoal secrets whatever their name', () => {
    expect(redact({ note: 'SHOALTKN-1-abc', other: 'shoal_xyz', list: ['shoalsess_q'] })).toEqual({ note: REDACTED, other: REDACTED, list: [REDACTED] });
  });

  it('keeps the key of a secret-looking env entry or label, not its value', () => {
    expect(
      redact({
        env: ['DB_PASSWORD=p4ss', 'API_TOKEN=t', 'MODE=prod'],
        labels: [
          { key: 'secret.key', value: 'v' },
          { key: 'tier', value: 'web' },
        ],
      }),
    ).toEqual({
      env: [`DB_PASSWORD=${REDACTED}`, `API_TOKEN=${REDACTED}`, 'MODE=prod'],
      labels: [
        { key: 'secret.key', value: REDACTED },
        { key: 'tier', value: 'web' },
      ],
    });
  });

  it('cuts long strings and lists, and stays valid JSON', () => {
    const out = JSON.parse(redactedJson({ args: Array.from({ length: 60 }, () => 'x'.repeat(500)) })) as { args: string[] };
    expect(out.args).toHaveLength(51);
    expect(out.args[0].length).toBeLessThan(210);
    expect(out.args[50]).toBe('… 10 more');
  });
});
