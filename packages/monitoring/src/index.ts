export * from './checks';
export * from './nrpe-agent';
