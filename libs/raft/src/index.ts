export * from './types';
export * from './raft';
export * from './errors';
export { simulate, DEFAULT_SIM } from './sim/simulator';
export type { SimOptions, SimResult } from './sim/simulator';
export { checkKv } from './linearizability/kv-checker';
export type { KvOperation, CheckResult } from './linearizability/kv-checker';
