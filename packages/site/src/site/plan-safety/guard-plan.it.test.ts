import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The guard with the real engine, on a stack of components named after their hosts as the site's are:
// the previous layout comes from the stack itself, a rename moves nothing, a refusal changes nothing.
describe('guardSitePlan with the engine', () => {
  const run = spawnSync('tsx', [join(__dirname, 'guard-plan.scenario.testing.ts')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const result = run.status === 0 ? JSON.parse(run.stdout) : undefined;

  it('runs the scenario', () => {
    expect(run.stderr.split('\n').filter((line) => /error/i.test(line))).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('records the layout, and a second deployment changes nothing (reading the layout adds no resource)', () => {
    expect(result.first).toEqual({ create: 21 });
    expect(result.layout.hosts.map((entry: { name: string }) => entry.name)).toEqual(['lb1', 'lb2', 'web2', 'db1', 'db2']);
    expect(result.again).toEqual({ same: 21 });
  });

  it('carries a renamed host over: nothing created, nothing deleted', () => {
    expect(result.rename).toEqual({ same: 21 });
    expect(result.renameLog).toContain('web2 is now www2 (same address): its resources are carried over');
  });

  it('refuses swapped roles in the preview, in one line per problem, and changes nothing', () => {
    expect(result.refused).toContain(
      "error: this deployment would overwrite data; nothing was changed:\n      - db-primary moves from db1 (198.18.0.31) to db2 (198.18.0.32): db1 would be emptied and loaded with db2's copy",
    );
    expect(result.refused).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(result.afterRefusal).toEqual({ same: 21 });
  });

  it('lets the swap through once the old primary consents, and says so when the consent is idle', () => {
    expect(result.promotion).toEqual({ same: 21 });
    expect(result.promotionLog).not.toContain('"discardData", but');
  });
});
