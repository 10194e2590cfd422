export * from './types';
export * from './constraint';
export * from './filters';
export * from './explain';
export * from './scheduler';
export * from './report';
export * from './platform';
