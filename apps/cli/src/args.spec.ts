import { duration, int, parseArgs } from './args';
import { CliError, EXIT } from './errors';

const usageFailure = (fn: () => unknown, message: RegExp) => {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(CliError);
  expect((caught as CliError).exitCode).toBe(EXIT.USAGE);
  expect((caught as CliError).message).toMatch(message);
};

describe('parseArgs', () => {
  const spec = { name: 'string', env: 'list', detach: 'boolean' } as const;

  it('reads values given apart or with =, repeated lists and booleans', () => {
    expect(parseArgs(['--name', 'web', '--env=A=1', '--env', 'B=2', '--detach', 'x'], spec)).toEqual({
      flags: { name: 'web', env: ['A=1', 'B=2'], detach: true },
      positionals: ['x'],
    });
  });

  it('keeps flags after the first positional for the container with stopAtPositional', () => {
    expect(parseArgs(['--name', 'w', 'busybox', 'sh', '-c', 'sleep 1', '--detach'], spec, { stopAtPositional: true })).toEqual({
      flags: { name: 'w' },
      positionals: ['busybox', 'sh', '-c', 'sleep 1', '--detach'],
    });
    expect(parseArgs(['a', '--detach', 'b'], spec).flags).toEqual({ detach: true });
  });

  it('takes everything after -- as positional', () => {
    expect(parseArgs(['--', '--name', 'x'], spec)).toEqual({ flags: {}, positionals: ['--name', 'x'] });
  });

  it('refuses unknown flags, missing values and values on booleans as usage errors', () => {
    usageFailure(() => parseArgs(['--nme', 'x'], spec), /unknown flag --nme/);
    usageFailure(() => parseArgs(['-n'], spec), /unknown flag -n/);
    usageFailure(() => parseArgs(['--name'], spec), /--name needs a value/);
    usageFailure(() => parseArgs(['--detach=yes'], spec), /--detach takes no value/);
  });
});

describe('int and duration', () => {
  it('reads whole numbers and durations', () => {
    expect(int('3', 'replicas')).toBe(3);
    expect(duration('90', '--timeout')).toBe(90_000);
    expect(duration('2m', '--timeout')).toBe(120_000);
    expect(duration('250ms', '--timeout')).toBe(250);
  });

  it('names the flag when the value is wrong', () => {
    usageFailure(() => int('-1', '--replicas'), /--replicas: expected a whole number, got "-1"/);
    usageFailure(() => int('two', 'web'), /web: expected a whole number/);
    usageFailure(() => duration('soon', '--timeout'), /--timeout: expected a duration/);
  });
});
