import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors';
import { validateLabels } from '../services/service-spec.validation';
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
      validateLabels(patch.labels, 'input.labels');
      fields.labels = patch.labels;
    }
    await this.proposer.propose([{ op: 'patch', kind: 'node', id, expectedVersion: version, fields }]);
    return this.store.node(id)!;
  }
}
