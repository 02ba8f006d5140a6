import * as grpc from '@grpc/grpc-js';
import { EngineClient } from '@pulumi/pulumi/proto/engine_grpc_pb';
import { LogRequest, LogSeverity } from '@pulumi/pulumi/proto/engine_pb';

/** Where the provider reports progress about a resource while a step runs. */
export interface ResourceLog {
  /** A transient status line (the CLI shows it while the step runs, not in the final summary). */
  status(urn: string, message: string): void;
  warning(urn: string, message: string): void;
}

export const silentLog: ResourceLog = { status: () => undefined, warning: () => undefined };

/**
 * The engine's address is the first plain argument the CLI starts a plugin with; the flags before it
 * (`--logtostderr`, `-v=N`, `--tracing <endpoint>`) are the CLI's own.
 */
export function engineAddressFromArgs(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--tracing') i++;
    else if (args[i] !== '--logtostderr' && !args[i].startsWith('-v=')) return args[i];
  }
  return undefined;
}

/** Sends log messages to the engine over its gRPC `Log` call, one after the other so lines keep their order. */
export function engineLog(address: string): ResourceLog {
  const client = new EngineClient(address, grpc.credentials.createInsecure());
  let previous = Promise.resolve();
  const send = (severity: LogSeverity, urn: string, message: string, ephemeral: boolean) => {
    const request = new LogRequest().setSeverity(severity).setUrn(urn).setMessage(message).setEphemeral(ephemeral);
    // A lost progress line must never fail the step, so delivery errors are dropped.
    previous = previous.then(() => new Promise<void>((resolve) => client.log(request, () => resolve())));
  };
  return {
    status: (urn, message) => send(LogSeverity.INFO, urn, message, true),
    warning: (urn, message) => send(LogSeverity.WARNING, urn, message, false),
  };
}
