import { MooseFsPorts } from './moosefs-cluster-args';
import { renderSettings } from '../config/render-settings';

/** Plain, resolved values of the master's mfsmaster.cfg; see MooseFsClusterArgs for their meaning. */
export interface MasterConf {
  /** The daemon's user and group. */
  user: string;
  /** Metadata, change logs and the lock file. */
  dataPath: string;
  /** The rendered mfsexports.cfg, named explicitly so no fallback path is ever read. */
  exportsPath: string;
  /** The master's own address: it listens there only. */
  listenAddress: string;
  /** Shared secret a chunkserver must present to register. */
  authCode: string;
  /** Minimum seconds per pass of the chunk loop. */
  chunkLoopSeconds: number;
}

/** Renders mfsmaster.cfg: listening on the master's address, chunkservers admitted by a shared code. */
export function renderMasterCfg(conf: MasterConf): string {
  return renderSettings([
    ['WORKING_USER', conf.user],
    ['WORKING_GROUP', conf.user],
    ['DATA_PATH', conf.dataPath],
    ['EXPORTS_FILENAME', conf.exportsPath],
    ['MATOML_LISTEN_HOST', conf.listenAddress],
    ['MATOML_LISTEN_PORT', MooseFsPorts.metalogger],
    ['MATOCS_LISTEN_HOST', conf.listenAddress],
    ['MATOCS_LISTEN_PORT', MooseFsPorts.chunkserver],
    ['MATOCL_LISTEN_HOST', conf.listenAddress],
    ['MATOCL_LISTEN_PORT', MooseFsPorts.client],
    // Without it any host that reaches port 9420 could register as a chunkserver and be sent data.
    ['AUTH_CODE', conf.authCode],
    ['CHUNKS_LOOP_MIN_TIME', conf.chunkLoopSeconds],
  ]);
}
