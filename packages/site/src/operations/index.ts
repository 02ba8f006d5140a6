export { drainWebHost, undrainWebHost } from './drain-web-host';
export type { DrainArgs } from './drain-web-host';
