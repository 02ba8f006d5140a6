import { setTimeout } from 'node:timers/promises';
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
    'organization',
  );
  return recorded;
}

/** The key the SDK marks a secret input with, as the mocks receive it: `{ [SECRET_MARK]: ..., value }`. */
export const SECRET_MARK = '4dabf18193072939515e22adb298388d';

/** Resolves an output in a mocked program. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Lets the registrations that resolved outputs set off run: under the mocks they follow within a few ticks. */
export function settle(): Promise<void> {
  return setTimeout(50);
}

/** Resolves with `component` once `ready(component)` is known and what it set off has registered. */
export async function built<C>(component: C, ready: (component: C) => pulumi.Output<unknown>): Promise<C> {
  await valueOf(ready(component));
  await settle();
  return component;
}

/**
 * What `expect(...).toThrow` takes for a build that must be refused before it registers any resource: a
 * component checks every argument before it creates a child, so that a refusal leaves nothing half made.
 */
export function withoutCreating(recorded: RecordedResource[], build: () => unknown): () => never {
  return () => {
    const before = recorded.length;
    try {
      build();
    } catch (error) {
      if (recorded.length === before) throw error;
    }
    const made = recorded.slice(before).map((r) => r.name);
    // Never the message a test expects: its toThrow fails and shows this instead.
    throw new Error(made.length ? `registered before refusing: ${made.join(', ')}` : 'built without refusing');
  };
}
