/** Where a service's tasks may run and how they are ranked (docs/design/scheduler.md). */
export interface ServicePlacement {
  /** `node.labels.zone==eu`, `node.role!=manager`, …; every one must hold. */
  constraints?: string[];
  /** Spread over a label's values, then within each over the next one's. */
  preferences?: { spread: string }[];
  /** 0 or absent: no limit. */
  maxReplicasPerNode?: number;
  /** SPREAD (the default) or BINPACK. */
  strategy?: 'SPREAD' | 'BINPACK';
}
