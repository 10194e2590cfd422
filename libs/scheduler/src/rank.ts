import { attributeOf } from './constraint';
import { Heap } from './heap';
import type { NodeInfo } from './node-info';
import type { Strategy } from './types';

/** A node that may take the next task of the service being placed. */
export interface Slot {
  info: NodeInfo;
  /** Tasks of this service on the node. */
  service: number;
}

/** Spread: fewest tasks of the service, then fewest tasks overall, then lowest id. */
export function spreadOrder(a: Slot, b: Slot): boolean {
  if (a.service !== b.service) return a.service < b.service;
  if (a.info.tasks !== b.info.tasks) return a.info.tasks < b.info.tasks;
  return a.info.node.id < b.info.node.id;
}

/** Binpack: the fullest node first (reserved share of CPU or memory), then most tasks, then lowest id. */
export function binpackOrder(a: Slot, b: Slot): boolean {
  const la = a.info.load();
  const lb = b.info.load();
  if (la !== lb) return la > lb;
  if (a.info.tasks !== b.info.tasks) return a.info.tasks > b.info.tasks;
  return a.info.node.id < b.info.node.id;
}

export function orderOf(strategy: Strategy | undefined): (a: Slot, b: Slot) => boolean {
  return strategy === 'BINPACK' ? binpackOrder : spreadOrder;
}

/**
 * Spread preferences as a tree: each level groups the nodes by one label's value
 * (nodes without the label form a group of their own), the leaves hold a heap of
 * nodes in strategy order. The next task goes down the branch with the fewest tasks
 * of the service (ties: lowest value) that still has a node able to take it.
 * Without preferences the tree is one leaf.
 */
export class Branch {
  /** Tasks of the service on the nodes below. */
  count = 0;
  /** Nodes below that may still take a task. */
  live = 0;
  children: Branch[] = [];
  heap?: Heap<Slot>;

  constructor(readonly value: string) {}
}

export function buildTree(slots: Slot[], keys: readonly string[], less: (a: Slot, b: Slot) => boolean, depth = 0, value = ''): Branch {
  const b = new Branch(value);
  b.live = slots.length;
  for (const s of slots) b.count += s.service;
  if (depth === keys.length) {
    b.heap = new Heap(less, slots);
    return b;
  }
  const byValue = new Map<string, Slot[]>();
  for (const s of slots) {
    const v = attributeOf(s.info.node, keys[depth]) ?? '';
    const list = byValue.get(v);
    if (list) list.push(s);
    else byValue.set(v, [s]);
  }
  const values = [...byValue.keys()].sort();
  b.children = values.map((v) => buildTree(byValue.get(v)!, keys, less, depth + 1, v));
  return b;
}

/** Fills `path` with the branches from the root to the leaf whose best node takes the next task; undefined when no node can. */
export function nextPath(root: Branch, path: Branch[]): Branch[] | undefined {
  if (root.live === 0) return undefined;
  path.length = 0;
  path.push(root);
  let b = root;
  while (!b.heap) {
    let best: Branch | undefined;
    for (const c of b.children) if (c.live > 0 && (!best || c.count < best.count)) best = c;
    b = best!;
    path.push(b);
  }
  return path;
}
