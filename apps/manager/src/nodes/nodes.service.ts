import { Injectable } from '@nestjs/common';
import { badInput, notFound } from '../common/errors';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';
import type { NodeAvailability, NodeObject } from '../store/objects';

export interface NodeSpecPatch {
  availability?: NodeAvailability;
  labels?: Record<string, string>;
}

@Injectable()
export class NodesService {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  async update(id: string, version: number, patch: NodeSpecPatch): Promise<NodeObject> {
    if (!this.store.node(id)) throw notFound('node', id);
    const fields: Record<string, unknown> = {};
    if (patch.availability) fields.availability = patch.availability;
    if (patch.labels) {
      for (const [k, v] of Object.entries(patch.labels)) {
        if (!k || k.length > 255 || v.length > 4096) throw badInput('input.labels', 'label keys must be 1-255 characters and values at most 4096');
      }
      fields.labels = patch.labels;
    }
    await this.proposer.propose([{ op: 'patch', kind: 'node', id, expectedVersion: version, fields }]);
    return this.store.node(id)!;
  }
}
