export { adminSourceProblems, defineHost } from './host';
export type { BastionArgs, Host, HostArgs } from './host';
export { hostCommand } from './host-command';
export type { HostCommandArgs } from './host-command';
