import * as pulumi from '@pulumi/pulumi';

export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/**
 * Installs Pulumi's mocks and returns the list every registered resource is appended to, so that a test
 * can build components and inspect the graph without an engine or a host.
 */
export function recordResources(): RecordedResource[] {
  const recorded: RecordedResource[] = [];
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        recorded.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: { ...args.inputs, stdout: '', stderr: '' } };
      },
      call: (args) => args.inputs,
    },
    'project',
    'stack',
    false,
  );
  return recorded;
}

/** Resolves an output in a mocked program. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
