// Run after `npm run lab:down`: the machine must be as it was before lab:up, but for `.lab/` and the caches.
import { labLeftovers } from './leftovers';
import { labPaths } from './paths';

describe('after lab:down', () => {
  it('leaves no nspawn or qemu process, daemon, link, mount, cgroup or nspawn state behind', () => {
    expect(labLeftovers(labPaths())).toEqual([]);
  });
});
