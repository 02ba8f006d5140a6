export { DirectorPair } from './director-pair';
export { Protocols, resolveDirectorPairDefaults, resolveHealthCheckDefaults, Schedulers, validateDirectorPairArgs } from './director-pair-args';
export type {
  DirectorArgs,
  DirectorPairArgs,
  HealthCheckArgs,
  Protocol,
  RealServerArgs,
  ResolvedDirectorPairArgs,
  ResolvedHealthCheck,
  ResolvedVirtualService,
  Scheduler,
  VirtualServiceArgs,
} from './director-pair-args';
export { failoverTimes, masterDownSeconds, realServerRemovalSeconds } from './failover-times';
export type { FailoverTimes, RealServerRemovalTimes } from './failover-times';
export { poolChecks } from './pool-checks';
export type { PoolChecks } from './pool-checks';
export { renderKeepalivedConf } from './render-keepalived-conf';
export type { KeepalivedConf, RenderedHealthCheck, RenderedVirtualServer } from './render-keepalived-conf';
export { VRRP_STATE_DIR } from './render-notify-script';
