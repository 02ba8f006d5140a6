import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { skipSdkDebugLog } from '@hastack/host';
import { guardSitePlan, hostsByName, Site, SiteLayout, SiteTier } from '@hastack/site';
import type { Inventory } from '@hastack/inventory';
import { labSmsSettings } from '@hastack/lab-machines';

export interface LabOutputs {
  siteUrl: pulumi.Output<string>;
  vip: string;
  preferredVipHolder: string;
  hosts: Record<string, string[]>;
  /** What the next deployment's pre-flight compares the description with. */
  siteLayout: SiteLayout;
  /** With the director tier: how soon the backup takes the VIP, and a dead web host leaves the pool. */
  failoverTimes?: Site['failoverTimes'];
  /** With the monitoring tier: Nagios's web interface (the password is secret). */
  nagiosWeb?: Site['nagiosWeb'];
  /** With the db tier: what the web tier connects to (the password is secret), and the backup's units. */
  database?: {
    primary: pulumi.Output<string>;
    replicas: pulumi.Output<string[]>;
    name: pulumi.Output<string>;
    user: string;
    password: pulumi.Output<string>;
    backupHost: string;
    backupUnit: string;
    restoreCheckUnit: string;
  };
}

export interface LabOptions {
  /** Tiers to deploy (all). */
  tiers?: readonly SiteTier[];
  /** VRRP advert interval of the directors (0.2 s: failover in well under a second). */
  advertIntervalSeconds?: number;
  /** Whether the first director takes the VIP back when it returns (true). */
  preempt?: boolean;
  /** The application the web hosts serve (the repository's demo app). */
  appDir?: string;
  /** Further Apache directives on the web hosts (none). */
  apacheSettings?: readonly string[];
  /** Further `nagios.cfg` settings on the monitoring host (none). */
  nagiosSettings?: Record<string, string | number>;
}

/** The lab's on-call phone: any E.164 number, the sink records what reaches it. */
export const LAB_SMS_RECIPIENT = '+8613800000000';

/**
 * Short enough that an alert comes well within 2 minutes (a problem is HARD after a check and a retry 5 s
 * later), long enough that some 75 checks leave the lab's small machine and its emulated directors room:
 * every 30 s, the NRPE handshakes on the directors slowed 90's drills past their limits.
 */
export const LAB_CHECK_INTERVALS = { checkSeconds: 60, retrySeconds: 5, maxCheckAttempts: 2, notificationSeconds: 600 };

/** The developers' program of the lab: the repository's demo application. */
export const DEMO_APP_DIR = resolve(__dirname, '../../../demo-app');

/** The lab stack: the site library on the lab's hosts, each reached with the key the lab made for it. */
export function labProgram(inventory: Inventory, options: LabOptions = {}): () => Promise<LabOutputs> {
  const keyFiles = new Map(inventory.hosts.map((entry) => [entry.name, entry.privateKeyPath]));
  return async () => {
    skipSdkDebugLog();
    const siteLayout = await guardSitePlan(inventory);
    const site = new Site('site', {
      description: inventory,
      layout: siteLayout,
      privateKey: (entry) => pulumi.secret(readFileSync(keyFiles.get(entry.name)!, 'utf8')),
      tiers: options.tiers,
      advertIntervalSeconds: options.advertIntervalSeconds ?? 0.2,
      preempt: options.preempt,
      app: { appDir: options.appDir ?? DEMO_APP_DIR },
      apacheSettings: options.apacheSettings,
      checkIntervals: LAB_CHECK_INTERVALS,
      // The lab's hosts share one small machine's load average, which a deploy or a test run drives high.
      baseCheckThresholds: {
        loadPerCore: [
          [20, 15, 12],
          [40, 30, 25],
        ],
      },
      // Alibaba Cloud SMS, the article's kind of provider, against the lab's sink speaking its API.
      sms: inventory.smsGateway && {
        settings: pulumi.secret(labSmsSettings('aliyun', inventory.smsGateway.url, [LAB_SMS_RECIPIENT])),
        renotifySeconds: LAB_CHECK_INTERVALS.notificationSeconds,
        // The test run's fault drills alert by design, well over a site's hourly cap (seen: 87's alerts suppressed).
        hourlyCap: 1000,
        retries: { attempts: 4, firstDelayMs: 500 },
      },
      // The drills stop and start services on purpose, minutes apart: Nagios would call that flapping and hold
      // back the notifications the proofs wait for (seen: 87's recovery SMS never sent). Sites keep it on.
      nagiosSettings: { enable_flap_detection: 0, ...options.nagiosSettings },
      // The lab's destroy proof wants clean hosts; the lab binds /dev/fuse on the web hosts only.
      purgeData: true,
      dfsAdminHost: inventory.hosts.find((entry) => entry.roles.includes('web'))?.name,
      // A few chunks only: a short chunk loop repairs a returning chunkserver's copies in under a minute.
      dfsChunkLoopSeconds: 30,
    });
    return {
      siteUrl: site.url,
      vip: inventory.vip,
      preferredVipHolder: inventory.hosts.find((entry) => entry.roles.includes('director'))?.name ?? '',
      hosts: hostsByName(inventory),
      siteLayout,
      failoverTimes: site.failoverTimes,
      nagiosWeb: site.nagiosWeb,
      database: site.database && {
        primary: site.database.primaryAddress,
        replicas: site.database.replicaAddresses,
        name: site.database.database,
        user: site.database.user,
        password: site.database.password,
        backupHost: site.database.backupHost,
        backupUnit: site.database.backupUnit,
        restoreCheckUnit: site.database.restoreCheckUnit,
      },
    };
  };
}
