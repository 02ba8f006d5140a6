export { Packages } from './packages';
export type { PackagesArgs } from './packages';
