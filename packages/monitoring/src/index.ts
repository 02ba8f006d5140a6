export * from './checks';
export * from './nrpe-agent';
export * from './nagios-server';
