export * from './nrpe-agent-args';
export * from './render-nrpe-cfg';
export * from './nrpe-agent';
