import { diffInputs, PropertyMap, resourceName, reveal, secret, secretStrings, type ResourceHandler } from '@hastack/provider-kit';
import type { CheckFailure } from '@pulumi/pulumi/provider';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { COMMAND_INPUT_KEYS, CommandInputs, commandInputs, checkCommandInputs, DRIFT_PROBE_VARIABLE, DRIFT_VARIABLE } from './command-inputs';
import { CommandResult, CommandRunner } from './command-run';
import type { ResourceLog } from './engine-log';
import { redactor } from './redact';
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

/** The inputs without what only the provider reads: the connection's host key and the drift probe. */
function withoutBookkeeping(wire: PropertyMap, keys: readonly string[]): Record<string, unknown> {
  const inputs = Object.fromEntries(keys.map((key) => [key, reveal(wire[key] ?? null)]));
  const connection = { ...((inputs.connection ?? {}) as Record<string, unknown>) };
  delete connection.hostKey;
  const environment = { ...((inputs.environment ?? {}) as Record<string, unknown>) };
  delete environment[DRIFT_PROBE_VARIABLE];
  return { ...inputs, connection, environment };
}

function hostKeyOf(wire: PropertyMap): unknown {
  return (reveal(wire.connection ?? null) as Record<string, unknown> | null)?.hostKey;
}

/**
 * Whether the update changes only what the provider reads: it pins the key of a host that was reached
 * unverified, or gives the resource another drift probe. The host is the same and so is what the commands
 * do: nothing to run.
 */
function onlyBookkeeping(olds: PropertyMap, news: PropertyMap, keys: readonly string[]): boolean {
  const oldKey = hostKeyOf(olds);
  const keyKept = oldKey === undefined || oldKey === null || isDeepStrictEqual(oldKey, hostKeyOf(news));
  return keyKept && isDeepStrictEqual(withoutBookkeeping(olds, keys), withoutBookkeeping(news, keys));
}

function withoutDrift(state: PropertyMap): PropertyMap {
  return Object.fromEntries(Object.entries(state).filter(([key]) => key !== 'drift'));
}

/** The lines the last refresh's drift probe printed, kept in the state until an update undoes them. */
function driftOf(state: PropertyMap): string[] {
  const drift = reveal(state.drift ?? null);
  return Array.isArray(drift) ? drift.filter((line): line is string => typeof line === 'string') : [];
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

  const run = async (
    urn: string,
    wire: PropertyMap,
    inputs: CommandInputs,
    command: string,
    previousState?: PropertyMap,
    extraEnvironment: Record<string, string> = {},
  ): Promise<CommandResult> => {
    const environment = {
      ...inputs.environment,
      ...(previousState && inputs.addPreviousOutputInEnv ? previousOutputEnvironment(urn, previousState) : {}),
      ...extraEnvironment,
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

    // Drift found by a refresh is a change of its own: the next update runs and undoes it.
    async diff(_id, _urn, olds, news) {
      const changes = diffInputs(olds, news, inputKeys, ['triggers']);
      return driftOf(olds).length ? { ...changes, changes: true } : changes;
    },

    /**
     * A refresh runs the resource's drift probe, if it has one, on its host, and keeps what the probe printed
     * in the state's `drift` output (none when the host is as the resource left it). Without a probe nothing
     * can be read back, and the state stays as it is.
     */
    async read(id, urn, state) {
      const outputs = withoutDrift(state);
      const inputs = commandInputs(state);
      const given = Object.fromEntries(inputKeys.filter((key) => key in state).map((key) => [key, state[key]]));
      if (!inputs.driftProbe) return { id, props: state, inputs: given };
      const result = await run(urn, state, { ...inputs, logging: 'none' }, inputs.driftProbe);
      const mask = redactor(secretValues(state));
      const drift = result.stdout
        .split('\n')
        .map((line) => mask(line.trimEnd()))
        .filter((line) => line !== '');
      return { id, props: drift.length ? { ...outputs, drift } : outputs, inputs: given };
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
      const drift = driftOf(olds);
      if (!drift.length && onlyBookkeeping(olds, wire, inputKeys)) return { outs: { ...olds, ...wire } };
      const inputs = commandInputs(wire);
      const rebuilt = replacesHostKey(olds, wire);
      const command = rebuilt ? inputs.create : (inputs.update ?? inputs.create);
      if (!command) return { outs: { ...wire, stdout: rebuilt ? '' : (olds.stdout ?? ''), stderr: rebuilt ? '' : (olds.stderr ?? '') } };
      // The lines tell a command what was undone on disk behind the daemon's back (a config to reload).
      const undoing: Record<string, string> = drift.length ? { [DRIFT_VARIABLE]: drift.join('\n') } : {};
      const result = await run(urn, wire, inputs, command, rebuilt ? undefined : olds, undoing);
      const extra = kind.extraOutputs ? await kind.extraOutputs(wire) : {};
      return { outs: { ...wire, ...outputsOf(wire, result), ...extra } };
    },

    async delete(_id, urn, state) {
      const inputs = commandInputs(state);
      if (inputs.delete) await run(urn, state, inputs, inputs.delete, state);
    },
  };
}
