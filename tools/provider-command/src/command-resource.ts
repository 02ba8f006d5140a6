import { diffInputs, PropertyMap, resourceName, reveal, secret, secretStrings, type ResourceHandler } from '@hastack/provider-kit';
import type { CheckFailure } from '@pulumi/pulumi/provider';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { COMMAND_INPUT_KEYS, CommandInputs, commandInputs, checkCommandInputs } from './command-inputs';
import { CommandResult, CommandRunner } from './command-run';
import type { ResourceLog } from './engine-log';
import { connectionCredentials } from './ssh/connection-spec';

/** How a kind of command resource differs from the others: its own inputs and where it runs. */
export interface CommandKind {
  /** Inputs beyond the shared ones (`dir`, `connection`, ...). */
  extraInputKeys: readonly string[];
  checkExtraInputs(news: PropertyMap): CheckFailure[];
  /** The runner for a resource with these (wire) inputs. */
  runnerFor(inputs: PropertyMap): CommandRunner;
  /** Outputs computed after a successful create or update (local assets). */
  extraOutputs?(inputs: PropertyMap): Promise<PropertyMap>;
}

// Linux refuses to start a program with a single environment string over 128 KiB ("argument list too
// long"); passing a large previous output would make every later update and delete fail.
const MAX_PREVIOUS_OUTPUT_BYTES = 120 * 1024;

/**
 * The secret values of a resource's inputs. The SDK makes the whole `connection` secret, but only its
 * credentials are worth masking: masking the host or "root" would garble every line that names them.
 */
function secretValues(wire: PropertyMap): string[] {
  const { connection, ...others } = wire;
  return [...secretStrings(others), ...connectionCredentials(connection)];
}

/** The inputs with the connection's host key taken out. */
function withoutHostKey(wire: PropertyMap, keys: readonly string[]): Record<string, unknown> {
  const inputs = Object.fromEntries(keys.map((key) => [key, reveal(wire[key] ?? null)]));
  const connection = { ...((inputs.connection ?? {}) as Record<string, unknown>) };
  delete connection.hostKey;
  return { ...inputs, connection };
}

function hostKeyOf(wire: PropertyMap): unknown {
  return (reveal(wire.connection ?? null) as Record<string, unknown> | null)?.hostKey;
}

/** Whether the update only pins the key of a host that was reached unverified: the same host, nothing to run. */
function onlyPinsHostKey(olds: PropertyMap, news: PropertyMap, keys: readonly string[]): boolean {
  const oldKey = hostKeyOf(olds);
  return (oldKey === undefined || oldKey === null) && isDeepStrictEqual(withoutHostKey(olds, keys), withoutHostKey(news, keys));
}

/**
 * Whether another key replaces the one verified so far: a rebuilt host (new disk, same address), which holds
 * none of what the commands did, so they run as on a new host, `create` without the previous outputs.
 * Their `update` would compare with the previous outputs and leave a daemon its package started with the
 * shipped config running, since nothing it renders changed.
 */
function replacesHostKey(olds: PropertyMap, news: PropertyMap): boolean {
  const [before, after] = [hostKeyOf(olds), hostKeyOf(news)];
  return typeof before === 'string' && typeof after === 'string' && before !== after;
}

export function commandResource(kind: CommandKind, log: ResourceLog): ResourceHandler {
  const inputKeys = [...COMMAND_INPUT_KEYS, ...kind.extraInputKeys];

  const previousOutputEnvironment = (urn: string, state: PropertyMap): Record<string, string> => {
    const environment: Record<string, string> = {};
    for (const [stream, name] of [
      ['stdout', 'PULUMI_COMMAND_STDOUT'],
      ['stderr', 'PULUMI_COMMAND_STDERR'],
    ] as const) {
      const previous = reveal(state[stream]);
      if (typeof previous !== 'string' || previous === '') continue;
      if (Buffer.byteLength(previous) > MAX_PREVIOUS_OUTPUT_BYTES) {
        log.warning(urn, `the previous ${stream} is too large to pass in ${name}; it is left out`);
        continue;
      }
      environment[name] = previous;
    }
    return environment;
  };

  const run = async (urn: string, wire: PropertyMap, inputs: CommandInputs, command: string, previousState?: PropertyMap): Promise<CommandResult> => {
    const environment = {
      ...inputs.environment,
      ...(previousState && inputs.addPreviousOutputInEnv ? previousOutputEnvironment(urn, previousState) : {}),
    };
    // The previous outputs are not sensitive: masking them would mask every line a rerun repeats. Nor is
    // stdin unless it is secret: it is often a config file whose lines a validator quotes back.
    const sensitive = [...Object.values(inputs.environment), ...secretValues(wire)];
    return kind.runnerFor(wire)({ urn, command, environment, stdin: inputs.stdin, logging: inputs.logging, sensitive });
  };

  // Outputs are not secret upstream even when inputs are; an output that repeats a secret input
  // verbatim is made secret here so that it cannot leak into the state in clear.
  const outputsOf = (wire: PropertyMap, result: CommandResult): PropertyMap => {
    const secrets = secretValues(wire).filter((value) => value.length >= 4);
    const protect = (text: string) => (secrets.some((value) => text.includes(value)) ? secret(text) : text);
    return { stdout: protect(result.stdout), stderr: protect(result.stderr) };
  };

  return {
    async check(_urn, _olds, news) {
      return { inputs: news, failures: [...checkCommandInputs(news), ...kind.checkExtraInputs(news)] };
    },

    async diff(_id, _urn, olds, news) {
      return diffInputs(olds, news, inputKeys, ['triggers']);
    },

    async create(urn, wire) {
      const inputs = commandInputs(wire);
      const result = inputs.create ? await run(urn, wire, inputs, inputs.create) : { stdout: '', stderr: '' };
      const extra = kind.extraOutputs ? await kind.extraOutputs(wire) : {};
      const id = `${resourceName(urn)}${randomBytes(4).toString('hex')}`;
      return { id, outs: { ...wire, ...outputsOf(wire, result), ...extra } };
    },

    async update(_id, urn, olds, wire) {
      // Running every command of a deployed host again because its key is now verified would restart what
      // they manage; the next command that runs verifies the key.
      if (onlyPinsHostKey(olds, wire, inputKeys)) return { outs: { ...olds, ...wire } };
      const inputs = commandInputs(wire);
      const rebuilt = replacesHostKey(olds, wire);
      const command = rebuilt ? inputs.create : (inputs.update ?? inputs.create);
      if (!command) return { outs: { ...wire, stdout: rebuilt ? '' : (olds.stdout ?? ''), stderr: rebuilt ? '' : (olds.stderr ?? '') } };
      const result = await run(urn, wire, inputs, command, rebuilt ? undefined : olds);
      const extra = kind.extraOutputs ? await kind.extraOutputs(wire) : {};
      return { outs: { ...wire, ...outputsOf(wire, result), ...extra } };
    },

    async delete(_id, urn, state) {
      const inputs = commandInputs(state);
      if (inputs.delete) await run(urn, state, inputs, inputs.delete, state);
    },
  };
}
