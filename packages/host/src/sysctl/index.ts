export { Sysctl } from './sysctl';
export type { SysctlArgs } from './sysctl';
export { renderSysctlConf } from './render-sysctl-conf';
export type { SysctlSettings } from './render-sysctl-conf';
