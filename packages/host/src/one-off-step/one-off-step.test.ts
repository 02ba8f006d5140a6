import * as pulumi from '@pulumi/pulumi';
import { recordResources, settle, withoutCreating } from '../testing';
import { defineHost } from '../connection';
import { OneOffStep } from './one-off-step';

const recorded = recordResources();
const host = defineHost({ name: 'db1', address: '198.18.0.31', os: 'debian-12', privateKey: 'KEY' });

describe('OneOffStep', () => {
  it('refuses an empty check or run, naming them, before creating anything', () => {
    expect(withoutCreating(recorded, () => new OneOffStep('bad', { host, check: ' ', run: '' }))).toThrow(
      'OneOffStep bad: invalid arguments:\n  - check: a step needs a check that says whether it is done\n  - run: a step needs something to run',
    );
  });

  it('sends its input on stdin only, and undoes on destroy', async () => {
    new OneOffStep('repl-user', {
      host,
      check: 'mysql -e "SHOW GRANTS FOR repl"',
      run: 'mysql < "$STEP_INPUT"',
      stdin: pulumi.secret("CREATE USER IF NOT EXISTS repl IDENTIFIED BY 'hunter22';"),
      triggers: ['v1'],
      undo: 'mysql -e "DROP USER IF EXISTS repl"',
    });
    await settle();
    const step = recorded.find((r) => r.name === 'repl-user-step');
    expect(step?.type).toBe('command:remote:Command');
    expect(JSON.stringify(step?.inputs.stdin)).toContain('hunter22');
    expect(JSON.stringify([step?.inputs.create, step?.inputs.delete])).not.toContain('hunter22');
    expect(step?.inputs.delete).toContain('DROP USER IF EXISTS repl');
    expect(step?.inputs.triggers).toEqual(['v1']);
  });
});
