import * as pulumi from '@pulumi/pulumi';
import { recordResources } from '@hastack/host/testing';
import { configuredProgram } from './production-program';

recordResources();

describe('configuredProgram', () => {
  it('stops with every problem of the described site as a RunError, which the CLI prints without a stack trace', async () => {
    pulumi.runtime.setAllConfig({ 'hastack:site': JSON.stringify({ environment: 'x', hosts: [] }), 'hastack:sshPrivateKey': 'k' });
    const failure = await configuredProgram()().then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(pulumi.RunError);
    expect(failure?.message).toContain('the configuration of stack "stack" (hastack:site)');
    expect(failure?.message).toContain('- vip: ');
    expect(failure?.message).toContain('- hosts: ');
  });
});
