import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Schema } from '../store/schema';

/** Each user's weekly run, and the colleagues to bring to meetings with customers, in PostgreSQL. */

type Db = Kysely<Schema>;

export interface RunRow {
  week: string;
  timeZone: string;
  notice: string | null;
  preparedAt: Date;
  trackedAt: Date;
}

export async function run(db: Db, tid: string, oid: string, week: string): Promise<RunRow | null> {
  const r = await db
    .selectFrom('suggestion_runs')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('week', '=', week)
    .executeTakeFirst();
  return r
    ? {
        week: r.week,
        timeZone: r.time_zone,
        notice: r.notice,
        preparedAt: r.prepared_at,
        trackedAt: r.tracked_at,
      }
    : null;
}

export async function saveRun(
  db: Db,
  tid: string,
  oid: string,
  r: { week: string; timeZone: string; notice: string | null; prepared: boolean; at: Date },
): Promise<void> {
  await db
    .insertInto('suggestion_runs')
    .values({
      tid,
      oid,
      week: r.week,
      time_zone: r.timeZone,
      notice: r.notice,
      prepared_at: r.at,
      tracked_at: r.at,
    })
    .onConflict((oc) =>
      oc.columns(['tid', 'oid', 'week']).doUpdateSet({
        time_zone: r.timeZone,
        tracked_at: r.at,
        ...(r.prepared ? { notice: r.notice, prepared_at: r.at } : {}),
      }),
    )
    .execute();
}

export interface BringRow {
  id: string;
  eventId: string;
  meeting: unknown;
  colleague: unknown;
  why: string;
  state: string;
}

export async function replaceBring(
  db: Db,
  tid: string,
  oid: string,
  week: string,
  rows: Array<Omit<BringRow, 'id' | 'state'>>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('bring_suggestions')
      .where('tid', '=', tid)
      .where('oid', '=', oid)
      .where('state', '=', 'proposed')
      .execute();
    const added = new Set(
      (
        await trx
          .selectFrom('bring_suggestions')
          .select('event_id')
          .where('tid', '=', tid)
          .where('oid', '=', oid)
          .execute()
      ).map((r) => r.event_id),
    );
    const fresh = rows.filter((r) => !added.has(r.eventId));
    if (fresh.length)
      await trx
        .insertInto('bring_suggestions')
        .values(
          fresh.map((r) => ({
            tid,
            oid,
            week,
            event_id: r.eventId,
            meeting: JSON.stringify(r.meeting),
            colleague: JSON.stringify(r.colleague),
            why: r.why,
          })),
        )
        .execute();
  });
}

export async function bringList(db: Db, tid: string, oid: string, after: Date): Promise<BringRow[]> {
  const rows = await db
    .selectFrom('bring_suggestions')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where(sql<boolean>`(meeting->>'end')::timestamptz > ${after}`)
    .orderBy(sql`(meeting->>'start')::timestamptz`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    meeting: r.meeting,
    colleague: r.colleague,
    why: r.why,
    state: r.state,
  }));
}

export async function bringById(db: Db, tid: string, oid: string, id: string): Promise<BringRow | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const r = await db
    .selectFrom('bring_suggestions')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        eventId: r.event_id,
        meeting: r.meeting,
        colleague: r.colleague,
        why: r.why,
        state: r.state,
      }
    : null;
}

export async function markBringAdded(db: Db, tid: string, oid: string, id: string): Promise<void> {
  await db
    .updateTable('bring_suggestions')
    .set({ state: 'added' })
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('id', '=', id)
    .execute();
}
