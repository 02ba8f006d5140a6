export * from './nrpe-agent-args';
export * from './render-nrpe-cfg';
export * from './render-check-script';
export * from './nrpe-agent';
