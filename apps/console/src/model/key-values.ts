export interface KeyValue {
  key: string;
  value: string;
}

/** `key=value` lines as a person types them (blank lines skipped) into pairs, or the first line that is not one. */
export function parseKeyValueLines(text: string): { pairs: KeyValue[]; bad: string | null } {
  const pairs: KeyValue[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.indexOf('=');
    if (at < 1) return { pairs, bad: line };
    pairs.push({ key: line.slice(0, at).trim(), value: line.slice(at + 1).trim() });
  }
  return { pairs, bad: null };
}

export const formatKeyValueLines = (pairs: readonly KeyValue[]): string => pairs.map((p) => `${p.key}=${p.value}`).join('\n');
