export { HostFacts, hostReady } from './host-facts';
export type { HostFactsArgs } from './host-facts';
export { expectedOsRelease, hostFactsScript, parseOsRelease } from './host-facts-scripts';
export type { OsRelease } from './host-facts-scripts';
