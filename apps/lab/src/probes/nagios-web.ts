import { chromium } from 'playwright-core';

/** Debian's Chromium on the lab machine: the browser an admin there would open the interface in. */
const CHROMIUM = '/usr/bin/chromium';

export interface NagiosWebLogin {
  url: string;
  user: string;
  password: string;
}

/** One row of the services page as the browser shows it. */
export interface ServiceRow {
  host: string;
  service: string;
  /** OK, WARNING, CRITICAL, UNKNOWN or PENDING. */
  state: string;
}

export interface ServicesPage {
  /** The hosts the page lists. */
  hosts: string[];
  services: ServiceRow[];
  /** The HTTP status of the page itself. */
  status: number;
}

/**
 * Opens the services page of every host in headless Chromium, logged in as `login`, reads the hosts and the
 * services with their states from the rendered table, and saves a screenshot of the whole page.
 */
export async function openServicesPage(login: NagiosWebLogin, screenshotPath: string): Promise<ServicesPage> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ httpCredentials: { username: login.user, password: login.password }, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const response = await page.goto(new URL('cgi-bin/status.cgi?host=all&limit=0', login.url).href, { waitUntil: 'load' });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    // These callbacks run in the page, where a link has a query string (the lab's TypeScript has no DOM types).
    const rows = await page.$$eval('a[href*="extinfo.cgi?type=2&"]', (links) =>
      links.map((link) => {
        const query = new URLSearchParams((link as unknown as { search: string }).search);
        const row = link.closest('table.status > tbody > tr');
        const cell = row?.querySelector('td.statusOK, td.statusWARNING, td.statusCRITICAL, td.statusUNKNOWN, td.statusPENDING');
        return { host: query.get('host') ?? '', service: query.get('service') ?? '', state: cell?.textContent?.trim() ?? '' };
      }),
    );
    const hosts = await page.$$eval('a[href*="extinfo.cgi?type=1&"]', (links) =>
      links.map((link) => new URLSearchParams((link as unknown as { search: string }).search).get('host') ?? ''),
    );
    return { hosts: [...new Set(hosts)], services: rows, status: response?.status() ?? 0 };
  } finally {
    await browser.close();
  }
}
