import { ARCHIVE_SIGNATURE, ASSET_SIGNATURE, PropertyMap, reveal, SIGNATURE_KEY, UNKNOWN, type ResourceHandler } from '@hastack/provider-kit';
import type { CheckFailure } from '@pulumi/pulumi/provider';
import { resolve } from 'node:path';
import { listFiles, selectPaths } from './asset-paths';
import { commandResource } from './command-resource';
import type { ResourceLog } from './engine-log';
import { localRunner } from './local-process';

export const LOCAL_COMMAND_TYPE = 'command:local:Command';

const DEFAULT_INTERPRETER = ['/bin/sh', '-c'];

interface LocalInputs {
  dir: string;
  interpreter: string[];
  assetPaths: string[];
  archivePaths: string[];
}

function localInputs(wire: PropertyMap): LocalInputs {
  const inputs = reveal(wire) as Partial<LocalInputs>;
  return {
    dir: resolve(inputs.dir || process.cwd()),
    interpreter: inputs.interpreter?.length ? inputs.interpreter : DEFAULT_INTERPRETER,
    assetPaths: inputs.assetPaths ?? [],
    archivePaths: inputs.archivePaths ?? [],
  };
}

function checkLocalInputs(wire: PropertyMap): CheckFailure[] {
  const inputs = reveal(wire) as PropertyMap;
  const failures: CheckFailure[] = [];
  const isStringList = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string' || item === UNKNOWN);
  for (const key of ['interpreter', 'assetPaths', 'archivePaths']) {
    if (inputs[key] !== undefined && inputs[key] !== UNKNOWN && !isStringList(inputs[key])) {
      failures.push({ property: key, reason: `${key} must be a list of strings` });
    }
  }
  if (inputs.dir !== undefined && inputs.dir !== UNKNOWN && typeof inputs.dir !== 'string') {
    failures.push({ property: 'dir', reason: 'dir must be a string' });
  }
  return failures;
}

/** The `assets` and `archive` outputs: the files under `dir` that `assetPaths` / `archivePaths` select. */
async function fileOutputs(wire: PropertyMap): Promise<PropertyMap> {
  const { dir, assetPaths, archivePaths } = localInputs(wire);
  if (assetPaths.length === 0 && archivePaths.length === 0) return {};
  const files = await listFiles(dir);
  const fileAssets = (patterns: string[]) =>
    Object.fromEntries(selectPaths(files, patterns).map((file) => [file, { [SIGNATURE_KEY]: ASSET_SIGNATURE, path: resolve(dir, file) }]));
  return {
    ...(assetPaths.length ? { assets: fileAssets(assetPaths) } : {}),
    ...(archivePaths.length ? { archive: { [SIGNATURE_KEY]: ARCHIVE_SIGNATURE, assets: fileAssets(archivePaths) } } : {}),
  };
}

export function localCommand(log: ResourceLog): ResourceHandler {
  return commandResource(
    {
      extraInputKeys: ['dir', 'interpreter', 'assetPaths', 'archivePaths'],
      checkExtraInputs: checkLocalInputs,
      runnerFor: (wire) => localRunner(localInputs(wire), log),
      extraOutputs: fileOutputs,
    },
    log,
  );
}
