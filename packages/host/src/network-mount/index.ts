export { NetworkMount } from './network-mount';
export type { NetworkMountArgs } from './network-mount';
export { renderMountUnits } from './render-mount-units';
export type { MountUnitOptions, MountUnits } from './render-mount-units';
export { mountUnitName, systemdEscapePath } from './systemd-escape';
