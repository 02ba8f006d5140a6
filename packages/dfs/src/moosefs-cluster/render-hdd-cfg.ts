import { isAbsolutePath } from '@hastack/host';
import { RENDERED_HEADER } from '../config/render-settings';
import { isSize } from '../config/values';
import type { StorageFolderArgs } from './moosefs-cluster-args';

/**
 * Renders mfshdd.cfg: one storage folder per line, with its optional space limit. A path must be
 * absolute and plain, since a leading `*`, `<`, `>` or `~` would switch a mode (removal, moves).
 */
export function renderHddCfg(folders: readonly StorageFolderArgs[]): string {
  const lines = folders.map((folder) => {
    if (!isAbsolutePath(folder.path)) throw new Error(`mfshdd.cfg: "${folder.path}" is not a plain absolute path`);
    if (folder.limit !== undefined && !isSize(folder.limit)) throw new Error(`mfshdd.cfg: "${folder.limit}" is not a size`);
    return folder.limit === undefined ? folder.path : `${folder.path} ${folder.limit}`;
  });
  return [RENDERED_HEADER, ...lines, ''].join('\n');
}
