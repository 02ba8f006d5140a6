// Builds one library of packages/ into dist/packages/<name> as the package a stranger installs: compiled
// JavaScript and declarations, its README and the licence, and a package.json whose entry points are the
// compiled files. `npm pack dist/packages/<name>` makes the tarball.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** The libraries of packages/ that are published, dependencies first. */
export const PUBLISHED_LIBRARIES = ['host', 'inventory', 'director', 'web', 'db', 'dfs', 'sms', 'monitoring', 'site'] as const;

type Entry = string | { types: string; default: string };

/** `./src/testing/index.ts` → the compiled pair `./testing/index.{d.ts,js}`. */
function compiled(entry: string): { types: string; default: string } {
  const match = /^\.\/src\/(.+)\.ts$/.exec(entry);
  if (!match) throw new Error(`build-library: entry point "${entry}" is not a ./src/*.ts file`);
  return { types: `./${match[1]}.d.ts`, default: `./${match[1]}.js` };
}

export function publishedManifest(source: Record<string, unknown>): Record<string, unknown> {
  const exports = (source.exports ?? { '.': source.main }) as Record<string, Entry>;
  const rest = Object.fromEntries(Object.entries(source).filter(([key]) => !['private', 'main', 'types'].includes(key)));
  const main = source.main;
  return {
    ...rest,
    main: compiled(String(main)).default,
    types: compiled(String(main)).types,
    exports: Object.fromEntries(Object.entries(exports).map(([path, entry]) => [path, compiled(String(entry))])),
    files: ['**/*.js', '**/*.d.ts', 'README.md', 'LICENSE'],
  };
}

function build(projectDir: string): void {
  const dir = resolve(ROOT, projectDir);
  const out = join(ROOT, 'dist/packages', basename(dir));
  execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.lib.json')], { stdio: 'inherit' });
  const source = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(publishedManifest(source), null, 2)}\n`);
  copyFileSync(join(dir, 'README.md'), join(out, 'README.md'));
  copyFileSync(join(ROOT, 'LICENSE'), join(out, 'LICENSE'));
}

if (require.main === module) build(process.argv[2] ?? '');
