interface SlotTask {
  slot: number;
  desiredState: 'READY' | 'RUNNING' | 'SHUTDOWN';
  createdAt: string;
}

export interface Slot<T> {
  slot: number;
  /** The task the managers want running in this slot, if any. */
  current: T | null;
  /** Older tasks of the slot, newest first. */
  history: T[];
}

/** A service's tasks as replica slots: the current task and the history of each, slots in order. */
export function groupBySlot<T extends SlotTask>(tasks: readonly T[]): Slot<T>[] {
  const bySlot = new Map<number, T[]>();
  for (const t of tasks) bySlot.set(t.slot, [...(bySlot.get(t.slot) ?? []), t]);
  return [...bySlot.entries()]
    .sort(([a], [b]) => a - b)
    .map(([slot, list]) => {
      const sorted = [...list].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
      const current = sorted.find((t) => t.desiredState !== 'SHUTDOWN') ?? null;
      return { slot, current, history: sorted.filter((t) => t !== current) };
    });
}
