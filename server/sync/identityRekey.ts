import { type Kysely, sql, type Transaction } from 'kysely';
import type { Schema } from '../store/schema';

/**
 * One person, one row for what is already stored: interactions recorded under an address the
 * directory now says is one of a person's (an alias learned since, or a page synced with an older
 * directory) move to the person's primary address (domain/identity.ts: mail, else UPN) and id. Two
 * rows of one item for one person (they used two of their addresses) become one, the primary's
 * row kept. Stakeholders and appreciations added under an alias follow when nothing is in the way.
 * Idempotent; run by the directory sync (the whole tenant) and after each user's sync (theirs).
 */
export async function rekeyToPrimaryAddresses(
  db: Kysely<Schema> | Transaction<Schema>,
  tid: string,
  oid?: string,
): Promise<{ interactions: number; merged: number }> {
  const mine = oid === undefined ? sql`true` : sql`i.oid = ${oid}`;
  const r = await sql<{ updated: number; merged: number }>`
    with alias as (
      -- An address two entries claim (bad directory data) goes to one of them, as in the sync's index.
      select distinct on (a.address) d.id, lower(coalesce(d.mail, d.user_principal_name)) as primary_address,
        a.address
      from directory_people d, unnest(d.addresses) as a(address)
      where d.tid = ${tid} and d.kind = 'person'
      order by a.address, d.id
    ), matched as (
      select i.oid, i.source_type, i.source_id, i.counterpart, i.counterpart_id, x.id, x.primary_address
      from interactions i join alias x on i.counterpart = x.address
      where i.tid = ${tid} and ${mine}
    ), stale as (
      select distinct oid, source_type, source_id, primary_address from matched
      where counterpart <> primary_address or counterpart_id is distinct from id::uuid
    ), hit as (
      select m.*, row_number() over (
          partition by m.oid, m.source_type, m.source_id, m.primary_address
          order by (m.counterpart = m.primary_address) desc, m.counterpart
        ) as n
      from matched m join stale s using (oid, source_type, source_id, primary_address)
    ), merged as (
      delete from interactions i using hit h
      where h.n > 1 and i.tid = ${tid} and i.oid = h.oid and i.source_type = h.source_type
        and i.source_id = h.source_id and i.counterpart = h.counterpart
      returning 1
    ), updated as (
      update interactions i set counterpart = h.primary_address, counterpart_id = h.id::uuid
      from hit h
      where h.n = 1 and i.tid = ${tid} and i.oid = h.oid and i.source_type = h.source_type
        and i.source_id = h.source_id and i.counterpart = h.counterpart
        and (i.counterpart <> h.primary_address or i.counterpart_id is distinct from h.id::uuid)
      returning 1
    )
    select (select count(*) from updated)::int as updated, (select count(*) from merged)::int as merged`.execute(
    db,
  );
  await rekeyCurated(db, tid, oid);
  const row = r.rows[0];
  return { interactions: row?.updated ?? 0, merged: row?.merged ?? 0 };
}

/** Stakeholders and appreciations under an alias move to the primary address, unless one is there. */
async function rekeyCurated(db: Kysely<Schema> | Transaction<Schema>, tid: string, oid?: string) {
  const mine = oid === undefined ? sql`true` : sql`s.oid = ${oid}`;
  const alias = sql`(
    select distinct on (a.address) lower(coalesce(d.mail, d.user_principal_name)) as primary_address, d.id,
      a.address
    from directory_people d, unnest(d.addresses) as a(address)
    where d.tid = ${tid} and d.kind = 'person' and a.address <> lower(coalesce(d.mail, d.user_principal_name))
    order by a.address, d.id
  )`;
  await sql`
    with moved as (
      update stakeholders s set address = x.primary_address, person_id = x.id
      from ${alias} x
      where s.tid = ${tid} and ${mine} and s.address = x.address
        and not exists (
          select 1 from stakeholders t where t.tid = s.tid and t.oid = s.oid and t.address = x.primary_address
        )
      returning s.oid, x.address as old_address, x.primary_address
    )
    update appreciations p set address = m.primary_address
    from moved m
    where p.tid = ${tid} and p.oid = m.oid and p.address = m.old_address`.execute(db);
}
