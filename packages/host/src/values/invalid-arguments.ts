import * as pulumi from '@pulumi/pulumi';

/**
 * What a component throws when its args have problems, before any child exists: every problem at once,
 * one line each, naming its argument. A `RunError`, so the CLI prints the lines without a stack trace.
 */
export class InvalidArgumentsError extends pulumi.RunError {
  constructor(
    component: string,
    name: string,
    readonly problems: readonly string[],
  ) {
    super(`${component} ${name}: invalid arguments:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidArgumentsError';
  }
}

/** Throws an `InvalidArgumentsError` when the validator found anything. */
export function assertValidArgs(component: string, name: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new InvalidArgumentsError(component, name, problems);
}
