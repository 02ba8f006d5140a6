export * from './checks';
export * from './nrpe-agent';
export * from './sms';
