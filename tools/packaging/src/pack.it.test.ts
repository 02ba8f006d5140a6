import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PUBLISHED_LIBRARIES } from './build-library';

// A stranger's project: outside the workspace (no path mapping, no workspace links), the libraries
// installed from their tarballs, compiled strictly and previewed by the real engine and providers.
const ROOT = resolve(__dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'hastack-pack-'));
const project = join(work, 'director-and-web');

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const started = Date.now();
  const output = execFileSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  console.log(`${command} ${args[0]}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return output;
}

describe('the tier libraries as packages', () => {
  const tarballs: Record<string, string> = {};

  beforeAll(() => {
    for (const library of PUBLISHED_LIBRARIES) {
      run('tsx', ['tools/packaging/src/build-library.ts', `packages/${library}`], ROOT);
      const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work, `dist/packages/${library}`], ROOT));
      tarballs[packed.name] = join(work, packed.filename);
      console.log(`packed ${packed.name}: ${(statSync(tarballs[packed.name]).size / 1024).toFixed(1)} kB, ${packed.entryCount} files`);
    }
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('install into a fresh project, compile under --strict and preview a DirectorPair in front of two WebServers', () => {
    cpSync(join(ROOT, 'examples/director-and-web'), project, { recursive: true });
    const manifestPath = join(project, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const name of Object.keys(manifest.dependencies)) if (tarballs[name]) manifest.dependencies[name] = `file:${tarballs[name]}`;
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    // The SDKs' install scripts would download plugins; the project's own providers are in PULUMI_HOME.
    run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', '--loglevel=error'], project);
    expect(lstatSync(join(project, 'node_modules/@hastack/director')).isSymbolicLink()).toBe(false);
    run(join(project, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], project);

    const env = { PULUMI_BACKEND_URL: `file://${work}`, PULUMI_CONFIG_PASSPHRASE: 'pack-test-only' };
    run('pulumi', ['stack', 'init', 'pack-test', '--non-interactive'], project, env);
    run('pulumi', ['config', 'set', '--secret', 'privateKey', 'not a real key: preview dials no host'], project, env);
    const preview = run('pulumi', ['preview', '--non-interactive', '--color', 'never', '--diff'], project, env);
    expect(preview).toContain('hastack:director:DirectorPair');
    expect(preview).toContain('hastack:web:WebServer');
    expect(preview).toContain('::lvs-lb1-keepalived-conf-write]');
    expect(preview).toMatch(/\d+ to create/);
    expect(preview).not.toContain('not a real key');
  });
});
