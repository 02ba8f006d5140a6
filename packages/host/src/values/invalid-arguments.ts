import * as pulumi from '@pulumi/pulumi';

/**
 * A refusal of what the user asked for, which the CLI prints as its message alone (a `RunError`). Its stack is
 * that message, never formatted: Pulumi's runtime inspects every error it reports, and formatting the frames of
 * an error thrown in this program took 25 s of a refused preview's 29 s (measured with a CPU profile).
 */
export class UserError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}

/**
 * What a component throws when its args have problems, before any child exists: every problem at once,
 * one line each, naming its argument. A `UserError`.
 */
export class InvalidArgumentsError extends UserError {
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
