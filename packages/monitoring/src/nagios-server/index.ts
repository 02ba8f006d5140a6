export * from './nagios-server-args';
export * from './nagios-server';
export * from './render-nagios-cfg';
export * from './render-resource-cfg';
export * from './render-nagios-objects';
export * from './nagios-status';
export * from './nagios-user';
