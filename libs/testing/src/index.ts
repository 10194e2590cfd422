export * from './wait-for';
export * from './ports';
export * from './process';
export * from './graphql-client';
export * from './cluster';
export * from './managers';
export * from './agents';
