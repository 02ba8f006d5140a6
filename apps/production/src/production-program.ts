import { resolve } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { InventoryError, validateSiteDescription } from '@hastack/inventory';
import { skipSdkDebugLog, UserError } from '@hastack/host';
import { guardSitePlan, Site, SiteApp } from '@hastack/site';
import type { CheckIntervals } from '@hastack/monitoring';
import type { SmsSettings } from '@hastack/sms';

const PROJECT_ROOT = resolve(__dirname, '../../..');

/** Stack configuration keys of an environment described in its stack configuration. */
export const ConfigKeys = {
  /** The site description: hosts and roles, network, VIP, VRRP router id (see `@hastack/inventory`). */
  site: 'site',
  /** The SSH private key of every host, set with `pulumi config set --secret hastack:sshPrivateKey < key`. */
  sshPrivateKey: 'sshPrivateKey',
  /** The application the web hosts serve (`SiteApp`: appDir, relative to the project, keep, batchSize, checkPath); optional. */
  app: 'app',
  /**
   * SMS alerts (`SmsSettings` of `@hastack/sms`: provider, credentials, recipients), a secret object:
   * `pulumi config set --secret --path 'hastack:sms.accessKeySecret' ...`; no alerts without.
   */
  sms: 'sms',
  /** Nagios's check and notification timing (`CheckIntervals`, seconds); optional. */
  checkIntervals: 'checkIntervals',
} as const;

/**
 * An environment whose description and SSH key live in its stack configuration (`Pulumi.<stack>.yaml`,
 * namespace `hastack`). A description with problems stops the program before any resource exists, with one
 * line per problem and no stack trace.
 */
export function configuredProgram(): () => Promise<Record<string, pulumi.Output<unknown>>> {
  return async () => {
    skipSdkDebugLog();
    const config = new pulumi.Config('hastack');
    const source = `the configuration of stack "${pulumi.getStack()}" (hastack:${ConfigKeys.site})`;
    let description;
    try {
      description = validateSiteDescription(config.requireObject(ConfigKeys.site), source);
    } catch (error) {
      throw new UserError(error instanceof InventoryError ? error.message : `${source}: ${(error as Error).message}`);
    }
    const siteLayout = await guardSitePlan(description);
    const privateKey = config.requireSecret(ConfigKeys.sshPrivateKey);
    const app = config.getObject<SiteApp>(ConfigKeys.app);
    // A relative folder is the project's (this app's root), wherever the CLI runs the program from.
    const appDir = app && resolve(PROJECT_ROOT, app.appDir);
    const sms = config.getSecretObject<SmsSettings>(ConfigKeys.sms);
    const site = new Site('site', {
      description,
      layout: siteLayout,
      privateKey: () => privateKey,
      app: app && { ...app, appDir: appDir! },
      sms: sms && { settings: sms },
      checkIntervals: config.getObject<Partial<CheckIntervals>>(ConfigKeys.checkIntervals),
    });
    return {
      siteUrl: site.url,
      vips: site.vips,
      failoverTimes: pulumi.output(site.failoverTimes),
      hostKeys: site.hostKeys,
      nagiosWeb: pulumi.output(site.nagiosWeb),
      siteLayout: pulumi.output(siteLayout),
    };
  };
}
