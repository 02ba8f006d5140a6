export { SelinuxBooleans, selinuxBooleansFor } from './selinux-booleans';
export type { SelinuxBooleansArgs } from './selinux-booleans';
export { disableBooleansScript, enableBooleansScript } from './selinux-scripts';
