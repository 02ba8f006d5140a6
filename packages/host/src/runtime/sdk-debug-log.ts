import * as sdkLog from '@pulumi/pulumi/log';

/** Set to "1" to keep the SDK's debug records (for `pulumi --debug` sessions on the SDK itself). */
export const KEEP_SDK_DEBUG_LOG = 'HASTACK_SDK_DEBUG_LOG';

/**
 * Stops the Pulumi SDK sending the engine a debug record for each step of each resource. Each is an RPC,
 * serialised behind the previous one, that the CLI encrypts into its own log and shows only under
 * `--debug`: at 500 web hosts they were a third of the program's CPU and of the preview's time (see
 * tools/bench). The SDK's own maintainers put such records behind a flag for the same reason
 * (pulumi/pulumi#7144, #7295). A program calls it once, before it declares resources; a library never
 * does it on import. Returns whether the records are skipped.
 */
export function skipSdkDebugLog(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[KEEP_SDK_DEBUG_LOG] === '1') return false;
  // The SDK calls `log.debug` through this module's exports object, so replacing the export reaches every caller.
  (sdkLog as { debug: typeof sdkLog.debug }).debug = () => Promise.resolve();
  return true;
}
