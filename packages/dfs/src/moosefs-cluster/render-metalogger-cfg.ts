import { MooseFsPorts } from './moosefs-cluster-args';
import { renderSettings } from '../config/render-settings';

/** Plain, resolved values of mfsmetalogger.cfg. */
export interface MetaloggerConf {
  /** The daemon's user and group. */
  user: string;
  /** Where the metadata copy and the change logs are kept. */
  dataPath: string;
  /** The master's address. */
  masterAddress: string;
  /** Hours between full metadata downloads. */
  metadataDownloadHours: number;
}

/** The metalogger's copy of the master's metadata, refreshed every `metadataDownloadHours`. */
export const METALOGGER_METADATA_FILE = 'metadata_ml.mfs.back';
/** The change log the metalogger appends to as the master's changes stream in. */
export const METALOGGER_CHANGELOG_FILE = 'changelog_ml.0.mfs';

/** Renders mfsmetalogger.cfg: the master by address, on its metalogger port. */
export function renderMetaloggerCfg(conf: MetaloggerConf): string {
  return renderSettings([
    ['WORKING_USER', conf.user],
    ['WORKING_GROUP', conf.user],
    ['DATA_PATH', conf.dataPath],
    ['MASTER_HOST', conf.masterAddress],
    ['MASTER_PORT', MooseFsPorts.metalogger],
    ['META_DOWNLOAD_FREQ', conf.metadataDownloadHours],
  ]);
}
