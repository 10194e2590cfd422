import { Injectable } from '@nestjs/common';
import { DesiredState, TaskState } from '@shoal/protocol';
import { badInput, conflict, notFound } from '../common/errors';
import { newId } from '../common/ids';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';
import { type ImagePlatforms, type ServiceObject, type ServiceSpec, type TaskObject, isJob } from '../store/objects';
import type { UpdateStatus } from '../store/update';
import { containerSpecOf, taskKey } from './container-spec';
import { type ResolveImage, pinned, repinnable } from './image-pin';
import { type ResolvedImage, resolveImage } from './resolve-image';
import { type SpecChange, specChanges } from './spec-diff';
import { validateServiceSpec } from './service-spec.validation';

export type ServiceSpecPatch = Partial<Omit<ServiceSpec, 'name' | 'forceUpdate'>>;

export interface UpdateOptions {
  /** When to pin the image to its digest (./image-pin); CHANGED when left out. */
  resolveImage?: ResolveImage;
  /** Replace every task even if nothing else changes (docker service update --force): raises spec.forceUpdate. */
  force?: boolean;
}

/** Use cases on services: each validates, then proposes one entry. */
@Injectable()
export class ServicesService {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  /** Asks the image's registry for its digest and platforms (./resolve-image); replaced in tests. */
  resolveImage: (image: string) => Promise<ResolvedImage | undefined> = (image) => resolveImage(image);

  /**
   * Asks the registry about `lookup`: the image to store (pinned to the digest the
   * registry names now unless `pin` is false; a reference naming a digest stays as it is),
   * and its platforms when the registry said. Where the registry can't be asked, the
   * image is stored as given: each node then pulls the tag itself.
   */
  private async resolved(lookup: string, pin: boolean): Promise<{ image?: string; imagePlatforms?: ImagePlatforms }> {
    const r = await this.resolveImage(lookup);
    if (!r) return {};
    const image = pin ? pinned(lookup, r.digest) : undefined;
    return { image, ...(r.platforms ? { imagePlatforms: { image: image ?? lookup, platforms: r.platforms } } : {}) };
  }

  async create(given: ServiceSpec, resolveImage: ResolveImage = 'CHANGED'): Promise<ServiceObject> {
    validateServiceSpec(given);
    // A friendlier early answer; the state machine checks it again at apply time.
    if (this.store.serviceNamed(given.name)) throw badInput('input.name', `a service named ${JSON.stringify(given.name)} already exists`);
    const id = newId();
    const { image, imagePlatforms } = await this.resolved(given.image, resolveImage !== 'NEVER');
    const spec = image ? { ...given, image } : given;
    await this.proposer.propose([
      { op: 'create', kind: 'service', object: { id, createdAt: new Date().toISOString(), spec, ...(imagePlatforms ? { imagePlatforms } : {}) } },
    ]);
    return this.store.service(id)!;
  }

  /**
   * Changes the spec, keeping the one before. When what the tasks run changes, or the
   * last update paused, a new rolling update starts (the leader carries it out).
   */
  async update(id: string, version: number, patch: ServiceSpecPatch, { resolveImage = 'CHANGED', force = false }: UpdateOptions = {}): Promise<ServiceObject> {
    const current = this.get(id);
    let spec = patched(current.spec, patch, force);
    validateServiceSpec(spec);
    // CHANGED asks the registry for an image named in this update; ALWAYS also re-pins the current tag.
    const named = patch.image !== undefined && patch.image !== current.spec.image;
    const pin = resolveImage === 'ALWAYS' || (resolveImage === 'CHANGED' && named);
    const lookup = resolveImage === 'ALWAYS' && !named ? repinnable(spec.image) : spec.image;
    let imagePlatforms: ImagePlatforms | undefined;
    if (pin || current.imagePlatforms?.image !== spec.image) {
      const r = await this.resolved(lookup, pin);
      if (r.image) spec = { ...spec, image: r.image };
      imagePlatforms = r.imagePlatforms;
    }
    const fields: { spec: ServiceSpec; previousSpec: ServiceSpec; updateStatus?: UpdateStatus; imagePlatforms?: ImagePlatforms } = {
      spec,
      previousSpec: current.spec,
      ...(imagePlatforms ? { imagePlatforms } : {}),
    };
    const paused = current.updateStatus?.state === 'PAUSED' || current.updateStatus?.state === 'ROLLBACK_PAUSED';
    // A job has no rolling update: a new spec runs all its slots again at once (orchestrator.md).
    if (!isJob(spec.mode) && (paused || tasksChange(current.spec, spec)))
      fields.updateStatus = { state: 'UPDATING', startedAt: this.clock().toISOString(), message: 'update in progress' };
    await this.proposer.propose([{ op: 'patch', kind: 'service', id, expectedVersion: version, fields }]);
    return this.store.service(id)!;
  }

  /** Puts the previous spec back, replacing the tasks with the rollback config; the spec it replaces becomes the previous one. */
  async rollback(id: string): Promise<ServiceObject> {
    const current = this.get(id);
    if (!current.previousSpec) throw conflict(`service ${JSON.stringify(current.spec.name)} has no previous spec to roll back to`);
    const updateStatus: UpdateStatus = {
      state: 'ROLLBACK_STARTED',
      startedAt: this.clock().toISOString(),
      message: 'rollback started: requested by rollbackService',
    };
    // A job's previous spec simply runs again, as any new spec of a job does.
    const fields = { spec: current.previousSpec, previousSpec: current.spec, ...(isJob(current.spec.mode) ? {} : { updateStatus }) };
    await this.proposer.propose([{ op: 'patch', kind: 'service', id, expectedVersion: current.version, fields }]);
    return this.store.service(id)!;
  }

  /** What update() would change, changing nothing: the spec's differences and the tasks it would replace. */
  preview(id: string, patch: ServiceSpecPatch, force = false): { spec: ServiceSpec; changes: SpecChange[]; replaced: TaskObject[] } {
    const current = this.get(id);
    const spec = patched(current.spec, patch, force);
    validateServiceSpec(spec);
    const key = taskKey(containerSpecOf(spec), spec.placement);
    const replaced = this.store
      .tasks({ serviceId: id, desiredState: DesiredState.RUNNING })
      .filter((t) => (spec.mode !== undefined && spec.mode !== 'REPLICATED') || (t.slot <= spec.replicas && taskKey(t.spec, t.placement) !== key))
      .sort((a, b) => a.slot - b.slot);
    return { spec, changes: specChanges(current.spec, spec), replaced };
  }

  /** Replaced in tests. */
  clock: () => Date = () => new Date();

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

function patched(spec: ServiceSpec, patch: ServiceSpecPatch, force: boolean): ServiceSpec {
  const out: ServiceSpec = { ...spec };
  for (const [k, v] of Object.entries(patch) as [keyof ServiceSpecPatch, unknown][]) {
    if (v !== undefined && v !== null) (out as unknown as Record<string, unknown>)[k] = v;
  }
  if (force) out.forceUpdate = (spec.forceUpdate ?? 0) + 1;
  return out;
}

/** Whether tasks of `before` are outdated under `after`: what they run or where they may run differs. */
function tasksChange(before: ServiceSpec, after: ServiceSpec): boolean {
  return taskKey(containerSpecOf(before), before.placement) !== taskKey(containerSpecOf(after), after.placement);
}
