import { registerEnumType } from '@nestjs/graphql';

export enum ServiceModeEnum {
  REPLICATED = 'REPLICATED',
  GLOBAL = 'GLOBAL',
  REPLICATED_JOB = 'REPLICATED_JOB',
  GLOBAL_JOB = 'GLOBAL_JOB',
}
registerEnumType(ServiceModeEnum, {
  name: 'ServiceMode',
  description:
    'REPLICATED: `replicas` tasks placed by the scheduler. GLOBAL: one task on every ready, active node that passes the placement constraints. REPLICATED_JOB and GLOBAL_JOB: the same, run to completion (exit 0) instead of forever.',
});
