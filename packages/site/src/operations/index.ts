export { drainWebHost, undrainWebHost } from './drain-web-host';
export type { DrainArgs } from './drain-web-host';
export { promoteDatabase, promotedDescription } from './promote-database';
export type { PromoteDatabaseArgs } from './promote-database';
