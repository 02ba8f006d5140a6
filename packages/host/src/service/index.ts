export { Service } from './service';
export type { ServiceArgs } from './service';
export { ReloadModes } from './service-scripts';
export type { ReloadMode } from './service-scripts';
