import * as pulumi from '@pulumi/pulumi';
import { skipSdkDebugLog } from './sdk-debug-log';

describe('skipSdkDebugLog', () => {
  const original = pulumi.log.debug;
  afterEach(() => {
    (pulumi.log as { debug: typeof original }).debug = original;
  });

  it('leaves the records alone when asked to keep them', () => {
    expect(skipSdkDebugLog({ HASTACK_SDK_DEBUG_LOG: '1' })).toBe(false);
    expect(pulumi.log.debug).toBe(original);
  });

  it("replaces the debug export the SDK's own modules call, and only that one", async () => {
    const warn = pulumi.log.warn;
    expect(skipSdkDebugLog({})).toBe(true);
    // The runtime's resource registration reaches the log through the same module object.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('@pulumi/pulumi/log').debug).toBe(pulumi.log.debug);
    expect(pulumi.log.debug).not.toBe(original);
    await expect(pulumi.log.debug('x')).resolves.toBeUndefined();
    expect(pulumi.log.warn).toBe(warn);
  });
});
