import { testDescription, testHost } from '../test-description.testing';
import { reviewPlan } from './plan-problems';
import { siteLayout } from './site-layout';

type Host = ReturnType<typeof testHost> & { discardData?: boolean };

const host = (name: string, address: string, roles: string[], extra: Partial<Host> = {}): Host => testHost(name, address, roles, extra);
const describe_ = (hosts: Host[]) => testDescription(hosts);

const site = [
  host('lb1', '198.18.0.11', ['director']),
  host('lb2', '198.18.0.12', ['director']),
  host('web1', '198.18.0.21', ['web']),
  host('web2', '198.18.0.22', ['web']),
  host('db1', '198.18.0.31', ['db-primary']),
  host('db2', '198.18.0.32', ['db-replica']),
  host('mfs', '198.18.0.41', ['dfs-master', 'dfs-metalogger']),
  host('chunk1', '198.18.0.42', ['dfs-chunkserver']),
  host('chunk2', '198.18.0.43', ['dfs-chunkserver']),
];
const deployed = siteLayout(describe_(site));
const edited = (change: (hosts: Host[]) => Host[]) => describe_(change(site.map((entry) => ({ ...entry }))));
const withRoles = (hosts: Host[], name: string, roles: string[], extra: Partial<Host> = {}) =>
  hosts.map((entry) => (entry.name === name ? { ...entry, roles, ...extra } : entry));

describe('reviewPlan', () => {
  it('has nothing to say about a first deployment or an unchanged description', () => {
    expect(reviewPlan(undefined, describe_(site))).toEqual({ problems: [], renames: [], unusedConsents: [] });
    expect(reviewPlan(deployed, describe_(site))).toEqual({ problems: [], renames: [], unusedConsents: [] });
  });

  it('refuses roles swapped by mistake, naming both hosts and the promotion', () => {
    const swapped = edited((hosts) => withRoles(withRoles(hosts, 'db1', ['db-replica']), 'db2', ['db-primary']));
    expect(reviewPlan(deployed, swapped).problems).toEqual([
      "db-primary moves from db1 (198.18.0.31) to db2 (198.18.0.32): db1 would be emptied and loaded with db2's copy, losing what never reached it. " +
        'Instead promote with `npm run ops -- db:promote db2`; or, to let the data of db1 go, set "discardData": true on it',
    ]);
  });

  it('lets a promoted description through: the old primary consents', () => {
    const promoted = edited((hosts) => withRoles(withRoles(hosts, 'db1', ['db-replica'], { discardData: true }), 'db2', ['db-primary']));
    expect(reviewPlan(deployed, promoted)).toEqual({ problems: [], renames: [], unusedConsents: [] });
  });

  it('refuses an empty new host named primary, naming every member it would overwrite', () => {
    const empty = edited((hosts) => [...withRoles(hosts, 'db1', ['db-replica']), host('db3', '198.18.0.33', ['db-primary'])]);
    expect(reviewPlan(deployed, empty).problems).toEqual([
      'db-primary moves from db1 (198.18.0.31) to db3 (198.18.0.33): db3 was not a database member: every member would be loaded with its empty copy. ' +
        'Instead promote a replica with `npm run ops -- db:promote <replica>`, then add the new host as a db-replica; or, to let the data of db1, db2 go, set "discardData": true on each',
    ]);
  });

  it('refuses a moved MooseFS master unless the chunkservers and metaloggers consent', () => {
    const moved = edited((hosts) => [...withRoles(hosts, 'mfs', ['dfs-metalogger']), host('mfs2', '198.18.0.44', ['dfs-master'])]);
    expect(reviewPlan(deployed, moved).problems).toEqual([
      expect.stringMatching(/^dfs-master moves from mfs \(198\.18\.0\.41\) to mfs2 \(198\.18\.0\.44\): .* set "discardData": true on each$/),
    ]);
    expect(reviewPlan(deployed, moved).problems[0]).toContain('the data of mfs, chunk1, chunk2 go');
    const consented = edited((hosts) => [
      ...hosts
        .map((entry) => (entry.name === 'mfs' ? { ...entry, roles: ['dfs-metalogger'] } : entry))
        .map((entry) => (entry.name.startsWith('chunk') || entry.name === 'mfs' ? { ...entry, discardData: true } : entry)),
      host('mfs2', '198.18.0.44', ['dfs-master']),
    ]);
    expect(reviewPlan(deployed, consented).problems).toEqual([]);
  });

  it('takes a new name at an old address for a rename, and judges moves under the new name', () => {
    const renamed = edited((hosts) =>
      hosts.map((entry) => (entry.name === 'web2' ? { ...entry, name: 'www2' } : entry.name === 'db1' ? { ...entry, name: 'sql1' } : entry)),
    );
    expect(reviewPlan(deployed, renamed)).toEqual({
      problems: [],
      renames: [
        { from: 'web2', to: 'www2' },
        { from: 'db1', to: 'sql1' },
      ],
      unusedConsents: [],
    });
  });

  it('does not take a host that moved to the address of a removed one for a rename', () => {
    const moved = edited((hosts) =>
      hosts.filter((entry) => entry.name !== 'web2').map((entry) => (entry.name === 'web1' ? { ...entry, address: '198.18.0.22' } : entry)),
    );
    expect(reviewPlan(deployed, moved).renames).toEqual([]);
  });

  it('names a consent that nothing needs', () => {
    const idle = edited((hosts) => withRoles(hosts, 'chunk1', ['dfs-chunkserver'], { discardData: true }));
    expect(reviewPlan(deployed, idle).unusedConsents).toEqual(['chunk1']);
  });
});

describe('siteLayout', () => {
  const renamedTo = (to: string) => edited((hosts) => hosts.map((entry) => (entry.name === 'web2' ? { ...entry, name: to } : entry)));
  const next = (previous: typeof deployed, description: ReturnType<typeof describe_>) =>
    siteLayout(description, previous, reviewPlan(previous, description).renames);
  const web = (layout: typeof deployed, address = '198.18.0.22') => layout.hosts.find((entry) => entry.address === address);

  it('keeps the original name of a renamed host through later renames and deployments', () => {
    const once = next(deployed, renamedTo('www2'));
    expect(web(once)).toEqual({ name: 'www2', address: '198.18.0.22', roles: ['web'], originalName: 'web2' });
    const again = next(once, renamedTo('www2'));
    expect(web(again)?.originalName).toBe('web2');
    expect(web(next(again, renamedTo('front2')))?.originalName).toBe('web2');
  });

  it('has no original name for a host back under it, or a new host', () => {
    expect(web(next(next(deployed, renamedTo('www2')), describe_(site)))).toEqual({ name: 'web2', address: '198.18.0.22', roles: ['web'] });
    expect(web(siteLayout(renamedTo('www2')))?.originalName).toBeUndefined();
  });
});
