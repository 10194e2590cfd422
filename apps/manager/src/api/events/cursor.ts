import { badInput } from '../../common/errors';

/** Where an event sits in the replicated log: the entry's index and the change's place in it. */
export interface EventPosition {
  index: number;
  position: number;
}

/** Opaque to clients: `<cluster id>:<log index>:<position in the entry>`. */
export function encodeCursor(clusterId: string, p: EventPosition): string {
  return `${clusterId}:${p.index}:${p.position}`;
}

/** The cursor's cluster and position; BAD_USER_INPUT (field `after`) when it is not one. */
export function decodeCursor(cursor: string): { clusterId: string; at: EventPosition } {
  const m = /^(.*):(\d{1,16}):(\d{1,16})$/.exec(cursor);
  if (!m) throw badInput('after', 'not an event cursor (pass back an Event.cursor)');
  return { clusterId: m[1], at: { index: Number(m[2]), position: Number(m[3]) } };
}

/** Negative when a comes first in the log, 0 when equal, positive when later. */
export function compare(a: EventPosition, b: EventPosition): number {
  return a.index - b.index || a.position - b.position;
}
