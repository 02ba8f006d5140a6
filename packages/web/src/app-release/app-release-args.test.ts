import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { recordResources } from '@hastack/host/testing';
import { WebServer } from '../web-server';
import { AppReleaseArgs, resolveReleaseDefaults, validateAppReleaseArgs } from './app-release-args';

recordResources();
const host = defineHost({ name: 'web1', address: '198.18.0.21', os: 'debian-12', privateKey: 'k' });
const pool = { directors: ['198.18.0.11', '198.18.0.12'], peers: ['198.18.0.22'], failedChecks: 2, passedChecks: 2 };
const valid: AppReleaseArgs = { host, webServer: new WebServer('web1-web', { host }), bundle: { digest: '0123456789abcdef0123', archive: '' }, pool };

describe('validateAppReleaseArgs', () => {
  it('accepts a release with the defaults, in a pool or not', () => {
    expect(validateAppReleaseArgs(valid)).toEqual([]);
    expect(validateAppReleaseArgs({ ...valid, pool: undefined })).toEqual([]);
  });

  it.each<[string, Partial<AppReleaseArgs>, string]>([
    ['no release kept', { keep: 0 }, 'keep: 0 must be a whole number of at least 1 (the live release)'],
    ['part of a release kept', { keep: 1.5 }, 'keep: 1.5 must be a whole number of at least 1 (the live release)'],
    ['a check path that is no URL path', { checkPath: 'health.php' }, 'checkPath: "health.php" is not a plain URL path starting with /'],
    ['a check path that would break the request line', { checkPath: '/a b' }, 'checkPath: "/a b" is not a plain URL path starting with /'],
    ['a pool without directors', { pool: { ...pool, directors: [] } }, 'pool.directors: at least one director is needed'],
    [
      'a director that is no IPv4 address',
      { pool: { ...pool, directors: ['198.18.0.11', '$(reboot)'] } },
      'pool.directors[1]: "$(reboot)" is not an IPv4 address',
    ],
    ['a peer that is no IPv4 address', { pool: { ...pool, peers: ['web2'] } }, 'pool.peers[0]: "web2" is not an IPv4 address'],
    ['no failed check', { pool: { ...pool, failedChecks: 0 } }, 'pool.failedChecks: 0 must be a whole number of at least 1'],
    ['no passed check', { pool: { ...pool, passedChecks: 0.5 } }, 'pool.passedChecks: 0.5 must be a whole number of at least 1'],
  ])('names the argument for %s', (_, change, message) => {
    expect(validateAppReleaseArgs({ ...valid, ...change })).toEqual([message]);
  });

  it('leaves directors that are still outputs to the check once they resolve', () => {
    expect(validateAppReleaseArgs({ ...valid, pool: { ...pool, directors: pulumi.output(['lb1']) } })).toEqual([]);
    expect(validateAppReleaseArgs({ ...valid, pool: { ...pool, directors: [pulumi.output('lb1')] } })).toEqual([]);
  });
});

describe('resolveReleaseDefaults', () => {
  it('keeps 3 releases and checks / unless told otherwise', () => {
    expect(resolveReleaseDefaults({})).toEqual({ keep: 3, checkPath: '/' });
    expect(resolveReleaseDefaults({ keep: 1, checkPath: '/up' })).toEqual({ keep: 1, checkPath: '/up' });
  });
});
