import { recordResources, valueOf, withoutCreating } from '../testing';
import { defineHost } from '../connection';
import { Directory } from './directory';
import { validateDirectoryArgs } from './directory-args';

const recorded = recordResources();
const host = defineHost({ name: 'dfs-chunk1', address: '198.18.0.42', os: 'debian-12', privateKey: 'KEY' });

describe('validateDirectoryArgs', () => {
  it('names every bad argument', () => {
    expect(validateDirectoryArgs({ path: '/srv//x/../y/', owner: 'Bad Name', group: 'mfs', mode: '750x' })).toEqual([
      'path: "/srv//x/../y/" must not have a ".." component',
      'owner: "Bad Name" is not a user or group name',
      'mode: "750x" is not an octal mode like "0750"',
    ]);
    expect(validateDirectoryArgs({ path: '/srv//x/' })).toEqual(['path: "/srv//x/" must be normalized, like "/srv/x"']);
    expect(validateDirectoryArgs({ path: 'srv' })).toEqual(['path: "srv" must be an absolute path below /']);
    expect(validateDirectoryArgs({ path: '/' })).toEqual(['path: "/" must be an absolute path below /']);
    expect(validateDirectoryArgs({ path: '/srv/mfs', owner: 'mfs', group: '998', mode: '0750' })).toEqual([]);
  });
});

describe('Directory', () => {
  it('refuses bad arguments before creating anything', () => {
    expect(withoutCreating(recorded, () => new Directory('bad', { host, path: 'relative' }))).toThrow('Directory bad: invalid arguments:\n  - path:');
  });

  it("records its state under the stack's own folder and replaces on a new path", async () => {
    const dir = new Directory('chunks', { host, path: '/srv/mfs/hdd1', owner: 'mfs', group: 'mfs', mode: '0750', keepOnDestroy: true });
    expect(await valueOf(dir.path)).toBe('/srv/mfs/hdd1');
    const command = recorded.find((r) => r.name === 'chunks-directory');
    expect(command?.inputs.create).toContain('/var/lib/hastack/stack/directories/srv-mfs-hdd1');
    expect(command?.inputs.create).toContain('chown mfs\\:mfs');
    expect(command?.inputs.delete).toContain('the folder holds data the stack keeps');
    expect(command?.inputs.triggers).toEqual(['/srv/mfs/hdd1']);
  });
});
