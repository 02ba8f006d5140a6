export * from './replicated-database';
export * from './backup';
export * from './checks';
export { isPlainIdentifier, serverIdFromAddress } from './sql/sql-values';
export * from './operations';
