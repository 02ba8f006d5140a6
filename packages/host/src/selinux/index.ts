export { SelinuxBooleans } from './selinux-booleans';
export type { SelinuxBooleansArgs } from './selinux-booleans';
export { disableBooleansScript, enableBooleansScript } from './selinux-scripts';
