import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

let bundled: string | undefined;

/**
 * The notifier as one JavaScript file for the monitoring host's Node: the SMS presets' own code, so the
 * host signs exactly as the tested presets do. Built once per process, the same text every time (paths
 * in it are relative to this library), so the host's file changes only when the code does.
 */
export function notifierProgram(): string {
  if (bundled === undefined) {
    const root = path.resolve(__dirname, '..', '..');
    // From the sources (tests, tsx) or from a compiled package.
    const entry = ['main.ts', 'main.js'].map((file) => path.join(__dirname, 'notifier-program', file)).find(existsSync);
    const result = buildSync({
      entryPoints: [entry!],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      // Debian 12 ships Node 18, EL9 16, and the EL8 profile enables the nodejs:20 stream.
      target: 'node16',
      format: 'cjs',
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
    bundled = `#!/usr/bin/env node\n${result.outputFiles[0].text}`;
  }
  return bundled;
}
