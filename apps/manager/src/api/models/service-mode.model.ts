import { registerEnumType } from '@nestjs/graphql';

export enum ServiceModeEnum {
  REPLICATED = 'REPLICATED',
  GLOBAL = 'GLOBAL',
}
registerEnumType(ServiceModeEnum, {
  name: 'ServiceMode',
  description: 'REPLICATED: `replicas` tasks placed by the scheduler. GLOBAL: one task on every ready, active node that passes the placement constraints.',
});
