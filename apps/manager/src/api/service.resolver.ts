import { Allow } from '../auth/allow.decorator';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { badInput } from '../common/errors';
import { type ServiceSpecPatch, ServicesService } from '../services/services.service';
import { Store } from '../store/store';
import type { PortConfig } from '@shoal/protocol';
import { fromKeyValues } from './models/common.model';
import { ServiceModeEnum } from './models/service-mode.model';
import { ServiceModel, toServiceModel, toSpecModel } from './models/service.model';
import { jobProgress } from '../orchestrator/jobs/job-progress';
import { JobProgressModel } from './models/job.model';
import { ServiceUpdatePreviewModel } from './models/service-update-preview.model';
import { UpdateStatusModel, toUpdateStatusModel } from './models/update.model';
import { rolloutOf } from '../orchestrator/update/rollout';
import { toUpdateConfig } from './inputs/update-config.input';
import { updateProgress } from '../orchestrator/update/rolling-update';
import { TaskModel, toTaskModel } from './models/task.model';
import { StoppedSlotModel } from './models/stopped-slot.model';
import { stoppedSlots } from '../orchestrator/restart/stopped-slots';
import { CreateServiceInput, PortConfigInput, UpdateServiceInput } from './inputs/service.input';
import { toContainerOptions } from './inputs/container-options.input';
import { toHealthCheck } from './inputs/health-check.input';
import { toRestartPolicy } from './inputs/restart-policy.input';
import { fromPlacementInput, fromResourcesInput } from './inputs/placement.input';
import { PlacementReportModel } from './models/placement.model';
import { PlacementReporter } from '../scheduler/placement.reporter';
import { ServiceFilterInput } from './inputs/list-filter.input';
import { DEFAULT_NESTED, MAX_PAGE, type Page, keysetPage, mapPage, pageSize } from './pagination/keyset';
import { AFTER_DOC, FIRST_DOC, NESTED_DOC, NESTED_FIRST_DOC } from './pagination/page.model';
import { ServicePageModel } from './pagination/pages';
import { desiredTaskCount, runningTaskCount } from './service-counts';
import { serviceMatches } from './service-filter';

@Resolver(() => ServiceModel)
export class ServiceResolver {
  constructor(
    private readonly store: Store,
    private readonly servicesService: ServicesService,
    private readonly placementReporter: PlacementReporter,
  ) {}

  @Allow('VIEWER')
  @Query(() => ServicePageModel, { description: 'Services by name, a page at a time.' })
  services(
    @Args('first', { type: () => Int, nullable: true, description: FIRST_DOC }) first?: number,
    @Args('after', { nullable: true, description: AFTER_DOC }) after?: string,
    @Args('filter', { nullable: true }) filter?: ServiceFilterInput,
  ): Page<ServiceModel> {
    const matching = this.store.services().filter((s) => serviceMatches(this.store, s, filter));
    return mapPage(
      keysetPage('services', matching, (s) => [s.spec.name, s.id], { first, after }),
      toServiceModel,
    );
  }

  @Allow('VIEWER')
  @Query(() => ServiceModel, { nullable: true, description: 'By id or by name; null when there is none.' })
  service(@Args('id', { type: () => ID, nullable: true }) id?: string, @Args('name', { nullable: true }) name?: string): ServiceModel | null {
    if ((id === undefined) === (name === undefined)) throw badInput('id', 'give exactly one of id and name');
    const s = id !== undefined ? this.store.service(id) : this.store.serviceNamed(name!);
    return s ? toServiceModel(s) : null;
  }

  @Allow('OPERATOR')
  @Mutation(() => ServiceModel)
  async createService(@Args('input') input: CreateServiceInput): Promise<ServiceModel> {
    const mode = input.mode ?? ServiceModeEnum.REPLICATED;
    const replicated = mode === ServiceModeEnum.REPLICATED;
    if (!replicated && input.replicas !== undefined && input.replicas !== null) {
      throw badInput('input.replicas', `not allowed with mode ${mode}: leave replicas out`);
    }
    if (mode !== ServiceModeEnum.REPLICATED_JOB && input.job) throw badInput('input.job', 'only for mode REPLICATED_JOB');
    const job = input.job ?? { maxConcurrent: 1 };
    const s = await this.servicesService.create(
      {
        name: input.name,
        image: input.image,
        ...(replicated ? {} : { mode }),
        replicas: replicated ? (input.replicas ?? 1) : 0,
        ...(mode === ServiceModeEnum.REPLICATED_JOB
          ? { job: { maxConcurrent: job.maxConcurrent, totalCompletions: job.totalCompletions ?? job.maxConcurrent } }
          : {}),
        ...specFields(input),
      },
      input.resolveImage ?? 'CHANGED',
    );
    return toServiceModel(s);
  }

  @Allow('OPERATOR')
  @Mutation(() => ServiceModel, {
    description: 'Fails with CONFLICT when the service changed since `version`. A change to what the tasks run starts a rolling update (Service.updateStatus).',
  })
  async updateService(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: UpdateServiceInput,
  ): Promise<ServiceModel> {
    return toServiceModel(
      await this.servicesService.update(id, version, specPatch(input), { resolveImage: input.resolveImage ?? 'CHANGED', force: input.force ?? false }),
    );
  }

  @Allow('VIEWER')
  @Query(() => ServiceUpdatePreviewModel, { description: 'What updateService would change, changing nothing: the spec diff and the tasks it would replace.' })
  previewServiceUpdate(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateServiceInput): ServiceUpdatePreviewModel {
    const p = this.servicesService.preview(id, specPatch(input), input.force ?? false);
    return { spec: toSpecModel(p.spec), changes: p.changes, replacedTasks: p.replaced.map(toTaskModel) };
  }

  @Allow('OPERATOR')
  @Mutation(() => ServiceModel, {
    description: 'Puts previousSpec back with the rollback config; the spec it replaces becomes previousSpec. CONFLICT when there is none.',
  })
  async rollbackService(@Args('id', { type: () => ID }) id: string): Promise<ServiceModel> {
    return toServiceModel(await this.servicesService.rollback(id));
  }

  @Allow('OPERATOR')
  @Mutation(() => ServiceModel)
  async scaleService(@Args('id', { type: () => ID }) id: string, @Args('replicas', { type: () => Int }) replicas: number): Promise<ServiceModel> {
    return toServiceModel(await this.servicesService.scale(id, replicas));
  }

  @Allow('OPERATOR')
  @Mutation(() => Boolean, { description: 'Removes the service; its containers are stopped and removed.' })
  async removeService(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.servicesService.remove(id);
    return true;
  }

  @ResolveField(() => Int, {
    description: 'Tasks that should run: replicas; for GLOBAL its ready, active nodes that pass its constraints; for a job, slots not completed yet.',
  })
  desiredTasks(@Parent() s: ServiceModel): number {
    const service = this.store.service(s.id);
    return service ? desiredTaskCount(this.store, service) : 0;
  }

  @ResolveField(() => JobProgressModel, { nullable: true, description: 'For a REPLICATED_JOB or GLOBAL_JOB: completed tasks out of all; null otherwise.' })
  jobProgress(@Parent() s: ServiceModel): JobProgressModel | null {
    const service = this.store.service(s.id);
    return service ? jobProgress(service, this.store.tasks({ serviceId: s.id }), this.store.nodes()) : null;
  }

  @ResolveField(() => Int, { description: 'Tasks that should run and do.' })
  runningReplicas(@Parent() s: ServiceModel): number {
    return runningTaskCount(this.store, s.id);
  }

  @ResolveField(() => UpdateStatusModel, { nullable: true, description: 'The last rolling update or rollback; null before the first.' })
  updateStatus(@Parent() s: ServiceModel): UpdateStatusModel | null {
    const service = this.store.service(s.id);
    if (!service?.updateStatus) return null;
    const tasks = this.store.tasks({ serviceId: s.id });
    return toUpdateStatusModel(service.updateStatus, updateProgress(service, tasks), rolloutOf(service, tasks));
  }

  @ResolveField(() => [StoppedSlotModel], { description: 'Slots whose task ended and that the restart policy leaves empty, and why.' })
  stoppedSlots(@Parent() s: ServiceModel): StoppedSlotModel[] {
    const service = this.store.service(s.id);
    return service ? stoppedSlots(service, this.store.tasks({ serviceId: s.id }), this.store.cluster()?.settings.restartDelayMs ?? 0) : [];
  }

  @ResolveField(() => PlacementReportModel, { description: 'Node by node, whether one more task of the service could be placed there now, and if not why.' })
  placement(@Parent() s: ServiceModel): PlacementReportModel {
    return this.placementReporter.report(s.id);
  }

  @ResolveField(() => [TaskModel], {
    description: `Tasks of the service by slot, newest first in a slot, history included: at most \`first\` (${NESTED_DOC}).`,
  })
  tasks(@Parent() s: ServiceModel, @Args('first', { type: () => Int, nullable: true, description: NESTED_FIRST_DOC }) first?: number): TaskModel[] {
    const size = pageSize(first, MAX_PAGE, DEFAULT_NESTED);
    return this.store
      .tasks({ serviceId: s.id })
      .sort((a, b) => a.slot - b.slot || (a.createdAt < b.createdAt ? 1 : -1))
      .slice(0, size)
      .map(toTaskModel);
  }
}

function specPatch(input: UpdateServiceInput): ServiceSpecPatch {
  const job = input.job ? { job: { maxConcurrent: input.job.maxConcurrent, totalCompletions: input.job.totalCompletions ?? input.job.maxConcurrent } } : {};
  return { image: input.image, replicas: input.replicas, ...job, ...specFields(input) };
}

/** The spec fields create and update inputs share, in the store's shape. */
function specFields(input: CreateServiceInput | UpdateServiceInput) {
  return {
    command: input.command,
    args: input.args,
    env: input.env,
    labels: fromKeyValues(input.labels),
    ports: ports(input.ports),
    container: toContainerOptions(input.container),
    healthCheck: toHealthCheck(input.healthCheck),
    restartPolicy: toRestartPolicy(input.restartPolicy),
    placement: fromPlacementInput(input.placement),
    resources: fromResourcesInput(input.resources),
    updateConfig: toUpdateConfig(input.updateConfig),
    rollbackConfig: toUpdateConfig(input.rollbackConfig),
  };
}

function ports(list: PortConfigInput[] | undefined | null): PortConfig[] | undefined {
  if (!list) return undefined;
  return list.map((p) => ({
    target: p.target,
    ...(p.published !== undefined && p.published !== null ? { published: p.published } : {}),
    protocol: p.protocol as PortConfig['protocol'],
  }));
}
