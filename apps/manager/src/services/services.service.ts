import { Injectable } from '@nestjs/common';
import { DesiredState, TaskState } from '@shoal/protocol';
import { badInput, notFound } from '../common/errors';
import { newId } from '../common/ids';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';
import type { ServiceObject, ServiceSpec } from '../store/objects';
import { validateServiceSpec } from './service-spec.validation';

export type ServiceSpecPatch = Partial<Omit<ServiceSpec, 'name'>>;

/** Use cases on services: each validates, then proposes one entry. */
@Injectable()
export class ServicesService {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  async create(spec: ServiceSpec): Promise<ServiceObject> {
    validateServiceSpec(spec);
    // A friendlier early answer; the state machine checks it again at apply time.
    if (this.store.serviceNamed(spec.name)) throw badInput('input.name', `a service named ${JSON.stringify(spec.name)} already exists`);
    const id = newId();
    await this.proposer.propose([{ op: 'create', kind: 'service', object: { id, createdAt: new Date().toISOString(), spec } }]);
    return this.store.service(id)!;
  }

  async update(id: string, version: number, patch: ServiceSpecPatch): Promise<ServiceObject> {
    const current = this.get(id);
    const spec: ServiceSpec = { ...current.spec };
    for (const [k, v] of Object.entries(patch) as [keyof ServiceSpecPatch, unknown][]) {
      if (v !== undefined && v !== null) (spec as unknown as Record<string, unknown>)[k] = v;
    }
    validateServiceSpec(spec);
    await this.proposer.propose([{ op: 'patch', kind: 'service', id, expectedVersion: version, fields: { spec, previousSpec: current.spec } }]);
    return this.store.service(id)!;
  }

  async scale(id: string, replicas: number): Promise<ServiceObject> {
    const current = this.get(id);
    const spec = { ...current.spec, replicas };
    validateServiceSpec(spec);
    await this.proposer.propose([{ op: 'patch', kind: 'service', id, fields: { spec, previousSpec: current.spec } }]);
    return this.store.service(id)!;
  }

  /** Removes the service and asks for all its tasks to shut down; the reaper deletes them once stopped. */
  async remove(id: string): Promise<void> {
    this.get(id);
    const now = new Date().toISOString();
    const tasks = this.store.tasks({ serviceId: id }).filter((t) => t.desiredState !== DesiredState.SHUTDOWN);
    await this.proposer.propose([
      { op: 'remove', kind: 'service', id },
      ...tasks.map((t) => ({
        op: 'patch' as const,
        kind: 'task' as const,
        id: t.id,
        ifExists: true,
        fields: t.nodeId
          ? { desiredState: DesiredState.SHUTDOWN }
          : {
              desiredState: DesiredState.SHUTDOWN,
              status: { state: TaskState.SHUTDOWN, message: 'service removed before the task was placed', timestamp: now },
            },
      })),
    ]);
  }

  get(id: string): ServiceObject {
    const s = this.store.service(id);
    if (!s) throw notFound('service', id);
    return s;
  }
}
