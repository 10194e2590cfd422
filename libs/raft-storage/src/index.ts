export * from './wal';
