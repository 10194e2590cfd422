/** A node as the scheduler sees it. */
export interface CandidateNode {
  id: string;
  hostname: string;
  ready: boolean;
  availability: 'ACTIVE' | 'PAUSE' | 'DRAIN';
}

/** A task waiting for a node. */
export interface UnplacedTask {
  id: string;
  serviceId: string;
}

/**
 * One step of the filter pipeline. `check` returns null when the node may take the
 * task, else a reason a person can act on ("node is drained").
 */
export interface Filter {
  readonly name: string;
  check(node: CandidateNode, task: UnplacedTask): string | null;
}

export const readyFilter: Filter = {
  name: 'ready',
  check: (node) => (node.ready ? null : 'node is not ready (down or not connected)'),
};

export const availabilityFilter: Filter = {
  name: 'availability',
  check: (node) => {
    switch (node.availability) {
      case 'ACTIVE':
        return null;
      case 'PAUSE':
        return 'node is paused';
      case 'DRAIN':
        return 'node is drained';
    }
  },
};

export const DEFAULT_FILTERS: readonly Filter[] = [readyFilter, availabilityFilter];
