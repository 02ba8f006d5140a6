import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { recordResources, valueOf, withoutCreating } from '@hastack/host/testing';
import { WebServer } from '../web-server';
import { AppRelease } from './app-release';
import type { AppReleaseArgs } from './app-release-args';

const recorded = recordResources();
const host = defineHost({ name: 'web1', address: '198.18.0.21', os: 'debian-12', privateKey: 'k' });
const webServer = new WebServer('web1-web', { host });
const bundle = { digest: '0123456789abcdef0123', archive: 'QVJDSElWRQ==' };
const SECRET_MARK = '4dabf18193072939515e22adb298388d';

/** The release's one remote command, once its script is rendered. */
async function switchOf(name: string, args: Omit<AppReleaseArgs, 'host' | 'webServer' | 'bundle'> = {}): Promise<Record<string, unknown>> {
  await valueOf(new AppRelease(name, { host, webServer, bundle, ...args }).live);
  const command = recorded.find((r) => r.name === `${name}-switch`);
  if (!command) throw new Error(`${name}-switch was not registered`);
  return command.inputs;
}

describe('AppRelease', () => {
  it('throws every argument problem before creating anything', () => {
    const pool = { directors: ['198.18.0.11', 'lb2'], peers: [], failedChecks: 0, passedChecks: 2 };
    expect(withoutCreating(recorded, () => new AppRelease('bad', { host, webServer, bundle, keep: 0, checkPath: 'health.php', pool }))).toThrow(
      [
        'AppRelease bad: invalid arguments:',
        '  - keep: 0 must be a whole number of at least 1 (the live release)',
        '  - checkPath: "health.php" is not a plain URL path starting with /',
        '  - pool.directors[1]: "lb2" is not an IPv4 address',
        '  - pool.failedChecks: 0 must be a whole number of at least 1',
      ].join('\n'),
    );
  });

  it('sends the bundle on stdin to one command that releases it, keeps 3 releases and checks / before and after the switch', async () => {
    const inputs = await switchOf('plain');
    // A secret: the application's code is not kept in the state in clear.
    expect(inputs.stdin).toEqual({ [SECRET_MARK]: expect.any(String), value: bundle.archive });
    expect(inputs.update).toBe(inputs.create);
    const script = String(inputs.create);
    expect(script).toContain(`new=/var/www/hastack-releases/${bundle.digest}\n`);
    expect(script).toContain(`GET /.hastack-releases/${bundle.digest}/ HTTP/1.0`);
    expect(script).toContain('GET / HTTP/1.0');
    expect(script).toContain('tail -n +3 ');
    // Without directors in front, the host never leaves a pool.
    expect(script).not.toContain('flag=');
    expect(String(inputs.delete)).toContain('rm -rf -- "$releases"');
  });

  it('keeps and checks what it is told', async () => {
    const script = String((await switchOf('told', { keep: 5, checkPath: '/health.php?db=1' })).create);
    expect(script).toContain('tail -n +5 ');
    expect(script).toContain(`GET /.hastack-releases/${bundle.digest}/health.php?db=1 HTTP/1.0`);
    expect(script).toContain('GET /health.php?db=1 HTTP/1.0');
  });

  it("leaves the pool of directors whose addresses are other resources' outputs, with the checks the pool counts", async () => {
    const pool = { directors: pulumi.output(['198.18.0.11', '198.18.0.12']), peers: [pulumi.output('198.18.0.22')], failedChecks: 2, passedChecks: 3 };
    const script = String((await switchOf('pooled', { pool })).create);
    expect(script).toContain('for peer in 198.18.0.22; do');
    expect(script).toContain('flag=/var/lib/hastack/stack/web/drain\n');
    expect(script).toContain('for director in 198.18.0.11 198.18.0.12; do');
    expect(script).toContain('wait_checks 503 2 "$offset"');
    expect(script).toContain('wait_checks 200 3 "$offset"');
  });
});
