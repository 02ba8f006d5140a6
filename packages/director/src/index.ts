export * from './director-pair';
export * from './real-server-vip';
export * from './ipvs';
export * from './checks';
export * from './vip-holder';
