export * from './filters';
export * from './scheduler';
