import { usageError } from './errors';

/** string: takes a value; list: takes a value, repeatable; boolean: no value. */
export type FlagKind = 'string' | 'list' | 'boolean';
export type FlagSpec = Record<string, FlagKind>;

export interface Parsed {
  flags: Record<string, string | string[] | boolean | undefined>;
  positionals: string[];
}

/**
 * A small parser for `--flag value`, `--flag=value`, repeatable flags and `--`.
 * With stopAtPositional, everything from the first positional on is positional
 * (so `service create IMAGE sh -c ...` passes the container's flags through).
 */
export function parseArgs(argv: string[], spec: FlagSpec, opts: { stopAtPositional?: boolean } = {}): Parsed {
  const flags: Parsed['flags'] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-' && !/^-\d/.test(arg)) throw usageError(`unknown flag ${arg}`);
      positionals.push(arg);
      if (opts.stopAtPositional) {
        positionals.push(...argv.slice(i + 1));
        break;
      }
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw usageError(`unknown flag --${name}`);
    if (kind === 'boolean') {
      if (eq >= 0) throw usageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw usageError(`--${name} needs a value`);
    if (kind === 'list') flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    else flags[name] = value;
  }
  return { flags, positionals };
}

export const str = (p: Parsed, name: string): string | undefined => p.flags[name] as string | undefined;
export const list = (p: Parsed, name: string): string[] => (p.flags[name] as string[] | undefined) ?? [];
export const bool = (p: Parsed, name: string): boolean => p.flags[name] === true;

/** A non-negative integer flag or argument, or a usage error naming it. */
export function int(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw usageError(`${what}: expected a whole number, got "${value}"`);
  return Number(value);
}

/** "90s", "5m", "1h" or plain seconds, in milliseconds. */
export function duration(value: string, what: string): number {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(value);
  if (!m) throw usageError(`${what}: expected a duration like 90s, 5m or 1h, got "${value}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000;
  return Number(m[1]) * unit;
}
