export * from './task-state';
export * from './container-spec';
export * from './agent-session';
export * from './resources';
