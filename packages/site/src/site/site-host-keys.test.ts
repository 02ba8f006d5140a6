import * as pulumi from '@pulumi/pulumi';
import { settle, valueOf } from '@hastack/host/testing';
import { Site } from './site';
import { testDescription, testHost } from './test-description.testing';

const RECORDED = 'ssh-ed25519 AAAArecordedOnFirstUse';
const NAMED = 'ssh-ed25519 AAAAnamedInTheDescription';

const commands: { name: string; connection: Record<string, unknown> }[] = [];
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      // The connection arrives as the SDK's secret wrapper: its value is what the provider gets.
      if (args.type === 'command:remote:Command') commands.push({ name: args.name, connection: args.inputs.connection.value });
      // What the record's script prints on the host: its key, with the newline `cut` ends it with.
      const stdout = args.name.endsWith('-host-key') ? `${RECORDED}\n` : '';
      return { id: `${args.name}-id`, state: { ...args.inputs, stdout, stderr: '' } };
    },
    call: (args) => args.inputs,
  },
  'project',
  'stack',
  false,
);

describe('Site host keys', () => {
  let site: Site;
  beforeAll(async () => {
    const description = testDescription([
      testHost('director1', '198.18.0.11', ['director'], { hostKey: NAMED }),
      testHost('director2', '198.18.0.12', ['director'], { hostKey: NAMED }),
      testHost('web1', '198.18.0.21', ['web'], { hostKey: NAMED }),
      testHost('web2', '198.18.0.22', ['web']),
    ]);
    site = new Site('site', { description, privateKey: () => 'PRIVATE KEY TEXT', tiers: ['web'] });
    await valueOf(site.hostKeys);
    await settle();
  });

  it('records the key of a host the description names none for, and verifies it on every later connection to that host', () => {
    const [record] = commands.filter((command) => command.name.endsWith('-host-key'));
    expect(record.name).toBe('web2-host-key');
    expect(record.connection.hostKey).toBeUndefined();
    const web2 = commands.filter((command) => command.name.startsWith('web2-') && command !== record);
    expect(web2.length).toBeGreaterThan(5);
    for (const command of web2) expect(command.connection.hostKey).toBe(RECORDED);
  });

  it("verifies the description's key where it names one, and records nothing there", () => {
    const web1 = commands.filter((command) => command.name.startsWith('web1-'));
    expect(web1.length).toBeGreaterThan(5);
    for (const command of web1) expect(command.connection.hostKey).toBe(NAMED);
  });

  it('shows every host key in its outputs', async () => {
    expect(await valueOf(site.hostKeys)).toEqual({ director1: NAMED, director2: NAMED, web1: NAMED, web2: RECORDED });
  });
});
