export const REDACTED = '[redacted]';

/** Argument names whose values are secrets. */
const SECRET_NAME = /pass(word|phrase)?|secret|token|credential|cookie|authorization|private/i;
/** Values that are Shoal secrets whatever they are called (API tokens, join tokens). */
const SECRET_VALUE = /^(shoal_|shoalsess_|SHOALTKN-)/;
const MAX_STRING = 200;
const MAX_ITEMS = 50;
const MAX_DEPTH = 6;

/**
 * A copy of a mutation's arguments fit for the audit log: values of secret-looking names
 * (password, token, secret...) and Shoal secrets are replaced; an env entry or a
 * key/value pair whose key looks secret keeps its key only; long strings and lists are cut.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    if (SECRET_VALUE.test(value)) return REDACTED;
    const env = /^([A-Za-z_][A-Za-z0-9_.-]*)=/.exec(value);
    if (env && SECRET_NAME.test(env[1])) return `${env[1]}=${REDACTED}`;
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => redact(v, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
    return items;
  }
  const obj = value as Record<string, unknown>;
  const keyIsSecret = typeof obj.key === 'string' && SECRET_NAME.test(obj.key);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    out[k] = SECRET_NAME.test(k) || (keyIsSecret && k === 'value') ? REDACTED : redact(v, depth + 1);
  }
  return out;
}

export function redactedJson(args: unknown): string {
  return JSON.stringify(redact(args ?? {}));
}
