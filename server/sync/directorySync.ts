import type { Client } from '@microsoft/microsoft-graph-client';
import { type Insertable, type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { batchGet } from '../graph/batch';
import { classifyGraphResponse, GraphFailureError } from '../graph/errors';
import { directoryUserSchema, graphOrganizationSchema, graphPage } from '../graph/schemas';
import { DIRECTORY_USERS_URL, VERIFIED_DOMAINS_URL } from '../graph/urls';
import type { DirectoryPeopleTable, Schema } from '../store/schema';
import { rekeyToPrimaryAddresses } from './identityRekey';
import type { DirectoryPerson, ExtractionContext } from './interactions';

/**
 * The tenant directory (people, their addresses and managers) and its verified domains, refreshed
 * daily: what tells a colleague from an outsider, and a person from a room or a list.
 */
const page = graphPage(z.unknown());
// Without verified domains everyone would look external: a missing list is an error, not none.
const org = graphPage(graphOrganizationSchema.required({ verifiedDomains: true }));
const ROOM = /^(conf(erence)?\.?\s*room|room)\b/i;

export async function syncDirectory(
  db: Kysely<Schema>,
  graph: Client,
  tid: string,
): Promise<{ people: number; skipped: number }> {
  // The verified domains and the first page of people in one round trip.
  const first = await batchGet(graph, [
    { id: 'org', url: VERIFIED_DOMAINS_URL },
    { id: 'users', url: DIRECTORY_USERS_URL },
  ]);
  const orgAnswer = first.get('org');
  const usersAnswer = first.get('users');
  if (orgAnswer?.status !== 200 || usersAnswer?.status !== 200) {
    // Carries the first failed answer's meaning: a 403 here is as forbidden as one on a stream.
    const failed = [orgAnswer, usersAnswer].map((a) => (a ? classifyGraphResponse(a) : null)).find(Boolean);
    throw new GraphFailureError(
      failed ?? { code: 'unknown', status: null, graphCode: null, retryAfterMs: null, reason: null },
      `directory sync failed: organization ${orgAnswer?.status ?? 'no answer'}, users ${usersAnswer?.status ?? 'no answer'}`,
    );
  }
  const domains = org
    .parse(orgAnswer.body)
    .value.flatMap((o) => o.verifiedDomains.map((d) => d.name.toLowerCase()));
  const rows: Array<Insertable<DirectoryPeopleTable>> = [];
  let skipped = 0;
  let url: string | undefined;
  let body: unknown = usersAnswer.body;
  for (;;) {
    const p = page.parse(body);
    for (const raw of p.value) {
      const u = directoryUserSchema.safeParse(raw);
      if (!u.success || u.data.userType === 'Guest') {
        skipped += u.success ? 0 : 1;
        continue;
      }
      const d = u.data;
      const addresses = [
        ...new Set(
          [
            d.mail,
            d.userPrincipalName,
            ...(d.proxyAddresses ?? []).map((a) => a.replace(/^(smtp|x500):/i, '')),
          ]
            .filter((a): a is string => Boolean(a))
            .map((a) => a.toLowerCase()),
        ),
      ];
      rows.push({
        tid,
        id: d.id,
        mail: d.mail?.toLowerCase() ?? null,
        user_principal_name: d.userPrincipalName.toLowerCase(),
        addresses,
        display_name: d.displayName ?? null,
        job_title: d.jobTitle ?? null,
        department: d.department ?? null,
        office_location: d.officeLocation ?? null,
        manager_id: d.manager?.id ?? null,
        // Rooms come back from /users too; without Place.Read.All their names give them away.
        kind: ROOM.test(d.displayName ?? '') && !d.jobTitle ? 'room' : 'person',
        account_enabled: d.accountEnabled ?? true,
      });
    }
    url = p['@odata.nextLink'];
    if (!url) break;
    body = await graph.api(url).get();
  }
  const learned = await learnsAddresses(db, tid, rows);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('tenant_domains').where('tid', '=', tid).execute();
    if (domains.length)
      await trx
        .insertInto('tenant_domains')
        .values(domains.map((domain) => ({ tid, domain })))
        .execute();
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('directory_people')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['tid', 'id']).doUpdateSet((eb) => ({
            mail: eb.ref('excluded.mail'),
            user_principal_name: eb.ref('excluded.user_principal_name'),
            addresses: eb.ref('excluded.addresses'),
            display_name: eb.ref('excluded.display_name'),
            job_title: eb.ref('excluded.job_title'),
            department: eb.ref('excluded.department'),
            office_location: eb.ref('excluded.office_location'),
            manager_id: eb.ref('excluded.manager_id'),
            kind: eb.ref('excluded.kind'),
            account_enabled: eb.ref('excluded.account_enabled'),
            synced_at: sql`now()`,
          })),
        )
        .execute();
    }
    // Addresses learned (an alias, a changed mail): what is stored under them becomes that person's.
    if (learned) await rekeyToPrimaryAddresses(trx, tid);
  });
  return { people: rows.length, skipped };
}

/** Whether the directory now has a person, an address or a primary address it did not have. */
async function learnsAddresses(
  db: Kysely<Schema>,
  tid: string,
  rows: Array<Insertable<DirectoryPeopleTable>>,
): Promise<boolean> {
  const before = await db
    .selectFrom('directory_people')
    .select(['id', 'mail', 'addresses', 'kind'])
    .where('tid', '=', tid)
    .execute();
  const seen = new Map(before.map((b) => [b.id, `${b.kind}|${b.mail}|${b.addresses.join(',')}`]));
  return rows.some((r) => seen.get(r.id) !== `${r.kind}|${r.mail ?? null}|${r.addresses.join(',')}`);
}

/** The extraction context for one mailbox owner, from the synced directory. */
export async function extractionContext(
  db: Kysely<Schema>,
  tid: string,
  oid: string,
): Promise<ExtractionContext> {
  const [people, domains] = await Promise.all([
    db
      .selectFrom('directory_people')
      .select(['id', 'mail', 'addresses', 'kind'])
      .where('tid', '=', tid)
      .execute(),
    db.selectFrom('tenant_domains').select('domain').where('tid', '=', tid).execute(),
  ]);
  const index = new Map<string, DirectoryPerson>();
  let owner: DirectoryPerson | undefined;
  for (const p of people) {
    const person: DirectoryPerson = {
      id: p.id,
      mail: p.mail,
      addresses: p.addresses,
      kind: p.kind === 'room' ? 'room' : p.kind === 'group' ? 'group' : 'person',
    };
    for (const a of p.addresses) index.set(a, person);
    if (p.id === oid) owner = person;
  }
  return {
    owner: { id: oid, addresses: owner?.addresses ?? [] },
    internalDomains: domains.map((d) => d.domain),
    lookup: (address) => index.get(address.toLowerCase()),
  };
}
