import * as pulumi from '@pulumi/pulumi';
import { recordResources, settle } from '../testing';
import { defineHost } from './host';
import { hostCommand } from './host-command';

const recorded = recordResources();
const host = defineHost({ name: 'web1', address: '198.18.0.21', os: 'debian-12', privateKey: 'KEY' });

/** The stack-trace limit in force while the SDK builds the resource (transformations run inside). */
function limitWhileBuilding(): pulumi.ResourceTransformation {
  return () => {
    limitsSeen.push(Error.stackTraceLimit);
    return undefined;
  };
}
const limitsSeen: number[] = [];

describe('hostCommand', () => {
  beforeAll(async () => {
    hostCommand('web1-a', host, { create: 'true' }, { transformations: [limitWhileBuilding()] });
    hostCommand('web1-b', host, { create: 'true' }, {});
    await settle();
  });

  it('gives every command of the host the same secret connection', () => {
    const connections = recorded.filter((r) => r.name.startsWith('web1-')).map((r) => r.inputs.connection);
    expect(connections).toHaveLength(2);
    for (const connection of connections) {
      expect(connection).toEqual({
        '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270',
        value: expect.objectContaining({ host: '198.18.0.21', port: 22, user: 'root', privateKey: 'KEY' }),
      });
    }
  });

  it('builds the resource without stack traces and restores the limit, even when building fails', () => {
    const before = Error.stackTraceLimit;
    expect(limitsSeen).toEqual([0]);
    expect(Error.stackTraceLimit).toBe(before);
    const failing: pulumi.ResourceTransformation = () => {
      throw new Error('refused');
    };
    expect(() => hostCommand('web1-c', host, { create: 'true' }, { transformations: [failing] })).toThrow('refused');
    expect(Error.stackTraceLimit).toBe(before);
  });
});
