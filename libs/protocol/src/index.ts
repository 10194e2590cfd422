export * from './task-state';
export * from './container-spec';
export * from './container-options';
export * from './agent-session';
export * from './resources';
export * from './logs';
export * from './usage';
export * from './manager-folder';
