import type { OpsShell } from '@hastack/host';
import { promoteDatabase, promotedDescription } from './promote-database';

const description = {
  hosts: [
    { name: 'db1', roles: ['db-primary' as const, 'monitoring' as const] },
    { name: 'db2', roles: ['db-replica' as const] },
    { name: 'db3', roles: ['db-replica' as const] },
    { name: 'web1', roles: ['web' as const] },
  ],
};

describe('promotedDescription', () => {
  it('gives the candidate the primary role and the old primary the replica role, nothing else changed', () => {
    expect(promotedDescription(description, 'db2').hosts.map((host) => [host.name, host.roles])).toEqual([
      ['db1', ['db-replica', 'monitoring']],
      ['db2', ['db-primary']],
      ['db3', ['db-replica']],
      ['web1', ['web']],
    ]);
  });

  it('has the old primary consent to rejoin from a copy, and takes that consent from the candidate', () => {
    const once = promotedDescription(description, 'db2');
    expect(once.hosts.filter((host) => 'discardData' in host).map((host) => [host.name, host.discardData])).toEqual([['db1', true]]);
    const back = promotedDescription(once, 'db1');
    expect(back.hosts.filter((host) => 'discardData' in host).map((host) => [host.name, host.discardData])).toEqual([['db2', true]]);
  });
});

describe('promoteDatabase', () => {
  it('points every web host at the new primary once it takes writes, after the database side', async () => {
    const ran: string[] = [];
    const shell = (name: string, answer: (script: string) => string): OpsShell => ({
      name,
      run: async (script) => {
        ran.push(`${name}: ${script.includes('settings.php') ? 'repoint-app' : script.includes('RESET SLAVE ALL') ? 'become-primary' : 'other'}`);
        return answer(script);
      },
    });
    const state = (master: string, readOnly: number) => `master_host=${master}\nsql_running=Yes\nseconds_behind=0\nread_only=${readOnly}\n`;
    await promoteDatabase({
      candidate: shell('db2', (script) => (script.includes('SHOW SLAVE STATUS') ? state('10.0.0.1', 1) : '0\n')),
      candidateAddress: '10.0.0.2',
      primary: shell('db1', (script) => (script.includes('SHOW SLAVE STATUS') ? state('', 0) : '0-1-5\n')),
      primaryAddress: '10.0.0.1',
      otherReplicas: [],
      otherReplicaAddresses: [],
      web: [shell('web1', () => ''), shell('web2', () => '')],
      log: () => undefined,
    });
    expect(ran.filter((line) => !line.endsWith('other'))).toEqual(['db2: become-primary', 'web1: repoint-app', 'web2: repoint-app']);
  });
});
