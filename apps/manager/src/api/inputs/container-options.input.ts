import { Field, Float, InputType, Int } from '@nestjs/graphql';
import type { ContainerOptions, Mount } from '@shoal/protocol';
import { KeyValueInput, fromKeyValues } from '../models/common.model';
import { defined } from './defined';

@InputType()
export class MountInput {
  @Field({ description: 'bind, volume or tmpfs.' }) type!: string;
  @Field({ nullable: true, description: 'bind: absolute path on the node; volume: volume name (leave out for an anonymous one); tmpfs: none.' })
  source?: string;
  @Field({ description: 'Absolute path inside the container.' }) target!: string;
  @Field({ nullable: true }) readOnly?: boolean;
  @Field(() => Float, { nullable: true, description: 'tmpfs only: size limit in bytes.' }) tmpfsSizeBytes?: number;
  @Field(() => Int, { nullable: true, description: 'tmpfs only: file mode, e.g. 1023 (0o1777).' }) tmpfsMode?: number;
}

@InputType()
export class UlimitInput {
  @Field({ description: 'nofile, nproc, core, ...' }) name!: string;
  @Field(() => Float, { description: '-1 for unlimited.' }) soft!: number;
  @Field(() => Float, { description: '-1 for unlimited.' }) hard!: number;
}

@InputType({ description: 'How the container runs on its node. Given in an update, it replaces all container options.' })
export class ContainerOptionsInput {
  @Field({ nullable: true, description: 'Absolute working directory.' }) workdir?: string;
  @Field({ nullable: true, description: 'user, user:group, uid or uid:gid.' }) user?: string;
  @Field({ nullable: true }) hostname?: string;
  @Field(() => [KeyValueInput], { nullable: true, description: 'Labels on the container (service labels stay on the service).' }) labels?: KeyValueInput[];
  @Field(() => [MountInput], { nullable: true }) mounts?: MountInput[];
  @Field({ nullable: true, description: 'Signal that stops the container, e.g. SIGQUIT; SIGTERM by default.' }) stopSignal?: string;
  @Field(() => Int, { nullable: true, description: 'Wait after the stop signal before killing; 10000 by default (the engine counts whole seconds).' })
  stopGracePeriodMs?: number;
  @Field({ nullable: true, description: 'Run an init as PID 1 that forwards signals and reaps zombies.' }) init?: boolean;
  @Field({ nullable: true, description: 'Mount the root filesystem read-only.' }) readOnly?: boolean;
  @Field(() => [String], { nullable: true, description: 'Capabilities to add, e.g. NET_ADMIN (or ALL).' }) capAdd?: string[];
  @Field(() => [String], { nullable: true, description: 'Capabilities to drop, e.g. CHOWN (or ALL).' }) capDrop?: string[];
  @Field(() => [UlimitInput], { nullable: true }) ulimits?: UlimitInput[];
}

export function toContainerOptions(input: ContainerOptionsInput | null | undefined): ContainerOptions | undefined {
  if (!input) return undefined;
  return defined({
    workdir: input.workdir,
    user: input.user,
    hostname: input.hostname,
    labels: fromKeyValues(input.labels),
    mounts: input.mounts?.map((m) =>
      defined({
        type: m.type as Mount['type'],
        source: m.source,
        target: m.target,
        readOnly: m.readOnly,
        tmpfsSizeBytes: m.tmpfsSizeBytes,
        tmpfsMode: m.tmpfsMode,
      }),
    ),
    stopSignal: input.stopSignal,
    stopGracePeriodMs: input.stopGracePeriodMs,
    init: input.init,
    readOnly: input.readOnly,
    capAdd: input.capAdd,
    capDrop: input.capDrop,
    ulimits: input.ulimits?.map((u) => ({ name: u.name, soft: u.soft, hard: u.hard })),
  });
}
