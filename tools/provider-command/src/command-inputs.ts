import { PropertyMap, UNKNOWN, reveal } from '@hastack/provider-kit';
import type { CheckFailure } from '@pulumi/pulumi/provider';

export type Logging = 'stdout' | 'stderr' | 'stdoutAndStderr' | 'none';
const LOGGING_VALUES: readonly Logging[] = ['stdout', 'stderr', 'stdoutAndStderr', 'none'];

/** The inputs local and remote commands share, with the SDK's defaults applied. */
export interface CommandInputs {
  create?: string;
  update?: string;
  delete?: string;
  environment: Record<string, string>;
  stdin?: string;
  logging: Logging;
  addPreviousOutputInEnv: boolean;
  /** The drift probe the resource carries in its environment (see DRIFT_PROBE_VARIABLE). */
  driftProbe?: string;
}

/**
 * The environment variable that carries a resource's drift probe: a command run by `pulumi refresh` that
 * prints one line per way the host differs from what the resource made it, and nothing when it does not.
 * It travels in `environment` because the SDK's Command has no input of its own for it; it is never
 * exported to the resource's own commands.
 */
export const DRIFT_PROBE_VARIABLE = 'HASTACK_DRIFT_PROBE';

/** The environment variable that hands an update run to undo drift the lines the probe printed. */
export const DRIFT_VARIABLE = 'HASTACK_DRIFT';

export const COMMAND_INPUT_KEYS = ['create', 'update', 'delete', 'triggers', 'environment', 'stdin', 'logging', 'addPreviousOutputInEnv'] as const;

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function commandInputs(wire: PropertyMap): CommandInputs {
  const inputs = reveal(wire) as PropertyMap;
  const { [DRIFT_PROBE_VARIABLE]: driftProbe, ...environment } = (inputs.environment ?? {}) as Record<string, string>;
  return {
    create: optionalString(inputs.create),
    update: optionalString(inputs.update),
    delete: optionalString(inputs.delete),
    environment,
    driftProbe: optionalString(driftProbe),
    stdin: optionalString(inputs.stdin),
    logging: (inputs.logging ?? 'stdoutAndStderr') as Logging,
    addPreviousOutputInEnv: inputs.addPreviousOutputInEnv !== false,
  };
}

/** Type errors in the shared inputs; unknown values (preview) are accepted as they are. */
export function checkCommandInputs(wire: PropertyMap): CheckFailure[] {
  const inputs = reveal(wire) as PropertyMap;
  const failures: CheckFailure[] = [];
  const known = (value: unknown) => value !== undefined && value !== null && value !== UNKNOWN;
  for (const key of ['create', 'update', 'delete', 'stdin'] as const) {
    if (known(inputs[key]) && typeof inputs[key] !== 'string') {
      failures.push({ property: key, reason: `${key} must be a string` });
    }
  }
  if (known(inputs.logging) && !LOGGING_VALUES.includes(inputs.logging as Logging)) {
    failures.push({ property: 'logging', reason: `logging must be one of ${LOGGING_VALUES.join(', ')}` });
  }
  if (known(inputs.environment)) {
    const environment = inputs.environment;
    if (typeof environment !== 'object' || Array.isArray(environment)) {
      failures.push({ property: 'environment', reason: 'environment must be a map of strings' });
    } else {
      for (const [name, value] of Object.entries(environment as PropertyMap)) {
        if (known(value) && typeof value !== 'string') {
          failures.push({ property: `environment.${name}`, reason: 'environment values must be strings' });
        }
      }
    }
  }
  return failures;
}
