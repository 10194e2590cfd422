/**
 * A linearizability checker for a key-value register, after Wing & Gong with the
 * memoisation of Lowe and Porcupine: the history is partitioned per key (each key is an
 * independent register), events are put in one time-ordered list, and a depth-first
 * search linearizes calls one at a time, backtracking at the first return whose call it
 * could not place, and skipping (linearized set, state) pairs it has seen before.
 * An operation without a return (timed out) may take effect at any point after its
 * call, or never; its output constrains nothing.
 */
export interface KvOperation {
  client: string;
  key: string;
  kind: 'get' | 'put';
  /** put: the value written. */
  value?: string;
  /** get: the value read (null for a missing key). Ignored for timed-out operations. */
  output?: string | null;
  call: number;
  /** Absent when the client never learned the outcome. */
  ret?: number;
}

export interface CheckResult {
  ok: boolean;
  /** The search ran out of its step budget on `key`: neither proven nor refuted. */
  undecided?: boolean;
  /** The first key whose history is not linearizable. */
  key?: string;
  /** The operations of that key, for a report. */
  operations?: KvOperation[];
}

export function checkKv(history: readonly KvOperation[], initial: string | null = null, maxSteps = 2_000_000): CheckResult {
  const byKey = new Map<string, KvOperation[]>();
  for (const op of history) {
    const list = byKey.get(op.key);
    if (list) list.push(op);
    else byKey.set(op.key, [op]);
  }
  for (const [key, ops] of byKey) {
    const verdict = checkRegister(reduce(ops), initial, maxSteps);
    if (verdict === 'undecided') return { ok: false, undecided: true, key, operations: ops };
    if (!verdict) return { ok: false, key, operations: ops };
  }
  return { ok: true };
}

/**
 * Drops operations that cannot change the verdict, which keeps the search small when
 * many operations timed out: a get that never returned constrains nothing; a timed-out
 * put whose value (written by no other put) no get returned can be left out, since in
 * any linearization no read falls between it and the next write.
 */
function reduce(ops: readonly KvOperation[]): KvOperation[] {
  const writers = new Map<string, number>();
  const observed = new Set<string | null | undefined>();
  for (const op of ops) {
    if (op.kind === 'put') writers.set(op.value ?? '', (writers.get(op.value ?? '') ?? 0) + 1);
    else if (op.ret !== undefined) observed.add(op.output);
  }
  return ops.filter((op) => {
    if (op.ret !== undefined) return true;
    if (op.kind === 'get') return false;
    return writers.get(op.value ?? '') !== 1 || observed.has(op.value);
  });
}

interface Node {
  op: number;
  isCall: boolean;
  time: number;
  prev: Node | null;
  next: Node | null;
  /** For a call: its return node. */
  match: Node | null;
}

function checkRegister(ops: readonly KvOperation[], initial: string | null, maxSteps: number): boolean | 'undecided' {
  // Events sorted by time; at equal times calls come first, which treats touching
  // operations as concurrent (the permissive reading).
  const events: { op: number; isCall: boolean; time: number }[] = [];
  ops.forEach((op, i) => {
    events.push({ op: i, isCall: true, time: op.call });
    events.push({ op: i, isCall: false, time: op.ret ?? Infinity });
  });
  events.sort((a, b) => a.time - b.time || (a.isCall === b.isCall ? 0 : a.isCall ? -1 : 1));

  const head: Node = { op: -1, isCall: false, time: -Infinity, prev: null, next: null, match: null };
  let tail = head;
  const calls = new Map<number, Node>();
  for (const e of events) {
    const n: Node = { op: e.op, isCall: e.isCall, time: e.time, prev: tail, next: null, match: null };
    tail.next = n;
    tail = n;
    if (e.isCall) calls.set(e.op, n);
    else calls.get(e.op)!.match = n;
  }

  const lift = (call: Node): void => {
    call.prev!.next = call.next;
    if (call.next) call.next.prev = call.prev;
    const ret = call.match!;
    ret.prev!.next = ret.next;
    if (ret.next) ret.next.prev = ret.prev;
  };
  const unlift = (call: Node): void => {
    const ret = call.match!;
    ret.prev!.next = ret;
    if (ret.next) ret.next.prev = ret;
    call.prev!.next = call;
    if (call.next) call.next.prev = call;
  };
  const step = (state: string | null, op: KvOperation): [boolean, string | null] => {
    if (op.kind === 'put') return [true, op.value ?? null];
    if (op.ret === undefined) return [true, state];
    return [op.output === state, state];
  };

  const words = Math.ceil(ops.length / 32);
  const linearized = new Uint32Array(words);
  const seen = new Set<string>();
  const stack: { call: Node; state: string | null }[] = [];
  let state = initial;
  let entry = head.next;
  let steps = 0;
  while (head.next !== null) {
    if (++steps > maxSteps) return 'undecided';
    if (entry === null) return false; // cannot happen with well-formed input
    if (entry.isCall) {
      const op = ops[entry.op];
      const [ok, next] = step(state, op);
      if (ok) {
        linearized[entry.op >> 5] |= 1 << (entry.op & 31);
        const key = `${linearized.join(',')}|${next === null ? '\u0000' : next}`;
        if (!seen.has(key)) {
          seen.add(key);
          stack.push({ call: entry, state });
          state = next;
          lift(entry);
          entry = head.next;
          continue;
        }
        linearized[entry.op >> 5] &= ~(1 << (entry.op & 31));
      }
      entry = entry.next;
    } else {
      // A return whose call is not linearized yet: backtrack.
      const top = stack.pop();
      if (!top) return false;
      state = top.state;
      linearized[top.call.op >> 5] &= ~(1 << (top.call.op & 31));
      unlift(top.call);
      entry = top.call.next;
    }
  }
  return true;
}
