import { randomUUID } from 'node:crypto';
import { expect, it, vi } from 'vitest';
import { InsightsService } from '../../server/insights/service';
import { describeEachDatabase } from '../helpers/databases';

/**
 * The map cache never serves what a write has made stale — not even a map whose computation was
 * still running when the write landed (it read the database before the write).
 */
describeEachDatabase('insights map cache', (getDb) => {
  it('a write during a running computation: the next read computes afresh, and the old one is not cached', async () => {
    const { db } = getDb();
    const insights = new InsightsService(db);
    const tid = randomUUID();
    const oid = randomUUID();
    // One colleague in Legal, so the map has a function whose coverage target shows the setting.
    await db
      .insertInto('directory_people')
      .values({
        tid,
        id: randomUUID(),
        mail: 'counsel@contoso.test',
        user_principal_name: 'counsel@contoso.test',
        addresses: ['counsel@contoso.test'],
        display_name: 'Counsel',
        job_title: 'General Counsel',
        department: 'Legal',
        office_location: null,
        manager_id: null,
        kind: 'person',
        account_enabled: true,
      })
      .execute();
    const internals = insights as unknown as { computeWithDirectory: (...a: unknown[]) => Promise<unknown> };
    const original = internals.computeWithDirectory.bind(insights);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The first computation reads the database now, then is held until after the write.
    vi.spyOn(internals, 'computeWithDirectory').mockImplementationOnce(async (...a: unknown[]) => {
      const read = await original(...a);
      await gate;
      return read;
    });
    const before = insights.map(tid, oid);
    await new Promise((r) => setTimeout(r, 200)); // let it read
    await insights.updateSettings(tid, oid, { coverageTarget: 7 });
    const after = await insights.map(tid, oid);
    expect(after.functions.map((f) => f.name)).toEqual(['Legal']);
    expect(after.functions.every((f) => f.target === 7)).toBe(true);
    release();
    expect((await before).functions.every((f) => f.target === 3)).toBe(true); // what it had read
    // The held computation finished after the write: it must not have replaced the fresh map.
    expect((await insights.map(tid, oid)).functions.every((f) => f.target === 7)).toBe(true);
  });
});
