import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { deploy, inventory, sshLogins } from './support';

describe('a second deployment', () => {
  it('changes nothing and logs into no host', async () => {
    const before = await Promise.all(inventory.hosts.map(sshLogins));
    const result = await deploy();
    expect(Object.keys(result.summary.resourceChanges ?? {})).toEqual(['same']);
    const after = await Promise.all(inventory.hosts.map(sshLogins));
    // Each count includes the login of the count before it, and nothing else.
    expect(after).toEqual(before.map((count) => count + 1));
  });

  it('previews no change through the plain CLI and the root Pulumi.yaml', () => {
    const root = resolve(__dirname, '../../..');
    const output = execFileSync(
      'bash',
      ['tools/scripts/run.sh', 'pulumi', 'preview', '--stack', 'lab', '--expect-no-changes', '--non-interactive', '--color', 'never'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(output).toMatch(/\d+ unchanged/);
  });
});
