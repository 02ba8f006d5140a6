import { MooseFsPorts } from './moosefs-cluster-args';
import { renderSettings } from '../config/render-settings';

/**
 * Plain, resolved values of mfschunkserver.cfg. Nothing here is about one chunkserver: the same text
 * goes to every one, so it never names a chunkserver's own address (the daemon binds to any).
 */
export interface ChunkserverConf {
  /** The daemon's user and group. */
  user: string;
  /** Lock file and the chunkserver's id. */
  dataPath: string;
  /** The rendered mfshdd.cfg. */
  hddConfPath: string;
  /** The master's address. */
  masterAddress: string;
  /** The master's shared registration code. */
  authCode: string;
  /** Space left free on every storage folder, e.g. "256MiB". */
  leaveFreeSpace: string;
}

/** Renders mfschunkserver.cfg: the master by address (never the default name "mfsmaster"). */
export function renderChunkserverCfg(conf: ChunkserverConf): string {
  return renderSettings([
    ['WORKING_USER', conf.user],
    ['WORKING_GROUP', conf.user],
    ['DATA_PATH', conf.dataPath],
    ['HDD_CONF_FILENAME', conf.hddConfPath],
    ['HDD_LEAVE_SPACE_DEFAULT', conf.leaveFreeSpace],
    ['MASTER_HOST', conf.masterAddress],
    ['MASTER_PORT', MooseFsPorts.chunkserver],
    ['AUTH_CODE', conf.authCode],
    ['CSSERV_LISTEN_PORT', MooseFsPorts.chunkData],
  ]);
}
