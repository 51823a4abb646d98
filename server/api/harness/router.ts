import type { Client } from '@microsoft/microsoft-graph-client';
import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import type { AuthenticatedUser } from '../../auth/types';
import { graphMessageSchema, graphUserSchema, mailboxSettingsSchema } from '../../graph/schemas';
import { route } from '../../http/route';

/**
 * Demo mode only (mounted by server/compose.ts inside its demo branch): the data the Outlook
 * harness page (/harness/) needs to play Outlook around the real pane — the demo user's newest mail
 * for its inbox, and the directory for its "pick from the directory" recipients picker. Read from
 * Graph (the dev tenant) as the signed-in user, exactly like the product's own routes, and validated
 * at the boundary: an odd item is left out, never a crash.
 */

export const INBOX_URL =
  '/me/messages?$select=id,subject,from,toRecipients,ccRecipients,receivedDateTime&$orderby=receivedDateTime desc&$top=30';
/** Graph's largest page of users: the whole directory of any demo organisation up to 999 people. */
export const DIRECTORY_URL = '/users?$select=displayName,mail,jobTitle,userType&$top=999';
const PROFILE_URL = '/me?$select=id,displayName,mail,userPrincipalName';
const ZONE_URL = '/me/mailboxSettings?$select=timeZone';

/** An address as Outlook shows it: a name (the address when there is none) and the address. */
export const harnessAddress = z.object({ displayName: z.string(), emailAddress: z.string() });
export const harnessMessage = z.object({
  id: z.string(),
  subject: z.string(),
  receivedDateTime: z.string().nullable(),
  from: harnessAddress.nullable(),
  to: z.array(harnessAddress),
  cc: z.array(harnessAddress),
});
export const harnessInboxResponse = z.object({
  mailbox: z.object({ displayName: z.string(), emailAddress: z.string(), timeZone: z.string() }),
  messages: z.array(harnessMessage),
});
export const harnessDirectoryResponse = z.object({
  people: z.array(z.object({ displayName: z.string(), mail: z.string(), jobTitle: z.string().nullable() })),
});
export type HarnessAddress = z.infer<typeof harnessAddress>;
export type HarnessMessage = z.infer<typeof harnessMessage>;
export type HarnessInboxResponse = z.infer<typeof harnessInboxResponse>;
export type HarnessDirectoryResponse = z.infer<typeof harnessDirectoryResponse>;

const ADDRESS = z.string().trim().toLowerCase().pipe(z.email());
const looseItems = z.object({ value: z.array(z.unknown()) }).passthrough();
/** A directory entry as `DIRECTORY_URL` selects it (Graph returns only the properties selected). */
const directoryEntry = z.object({
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  jobTitle: z.string().nullish(),
  userType: z.string().nullish(),
});
const emailOf = z.object({
  emailAddress: z.object({ address: z.string().nullish(), name: z.string().nullish() }).nullish(),
});

function address(raw: unknown): HarnessAddress | null {
  const p = emailOf.safeParse(raw);
  const a = p.success ? ADDRESS.safeParse(p.data.emailAddress?.address) : null;
  if (!p.success || !a?.success) return null;
  return { displayName: p.data.emailAddress?.name?.trim() || a.data, emailAddress: a.data };
}
const addresses = (raw: unknown): HarnessAddress[] =>
  (Array.isArray(raw) ? raw : []).flatMap((r) => address(r) ?? []);

/**
 * Outlook's mailbox never comes from Rapport's server; the harness's does, on the demo's one Node
 * thread, where reading it afresh (four Graph calls to the dev tenant) at every harness load would
 * compete with the pane's own requests. Each user's answer is kept for a short while, as Outlook
 * keeps its mailbox between page loads; concurrent reads share one.
 */
export const HARNESS_CACHE_MS = 30_000;

function shortCache(ttlMs: number, now: () => number) {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.value as Promise<T>;
    if (entries.size > 200) entries.clear(); // a demo has a handful of users
    const value = load();
    entries.set(key, { at: now(), value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key); // a failure is not kept
    });
    return value;
  };
}

export function harnessRouter(deps: {
  requireUser: RequestHandler;
  graphFor: (user: AuthenticatedUser) => Promise<Client>;
  cacheMs?: number;
  now?: () => number;
}): express.Router {
  const router = express.Router();
  const cached = shortCache(deps.cacheMs ?? HARNESS_CACHE_MS, deps.now ?? Date.now);
  const noQuery = z.object({}).passthrough();

  router.get(
    '/api/harness/inbox',
    deps.requireUser,
    route({ query: noQuery }, async ({ user }, res) => {
      const body = await cached(`inbox:${user.tid}:${user.oid}`, () => readInbox(user));
      res.setHeader('Cache-Control', 'no-store');
      res.json(body);
    }),
  );

  async function readInbox(user: AuthenticatedUser): Promise<HarnessInboxResponse> {
    const graph = await deps.graphFor(user);
    const [meRaw, zoneRaw, pageRaw] = await Promise.all([
      graph.api(PROFILE_URL).get(),
      graph
        .api(ZONE_URL)
        .get()
        .catch(() => null),
      graph.api(INBOX_URL).get(),
    ]);
    const me = graphUserSchema.parse(meRaw);
    const zone = mailboxSettingsSchema.safeParse(zoneRaw);
    const messages = looseItems.parse(pageRaw).value.flatMap((raw) => {
      const m = graphMessageSchema.safeParse(raw);
      if (!m.success) return [];
      return [
        {
          id: m.data.id,
          subject: m.data.subject ?? '',
          receivedDateTime: m.data.receivedDateTime ?? null,
          from: address(m.data.from),
          to: addresses(m.data.toRecipients),
          cc: addresses(m.data.ccRecipients),
        },
      ];
    });
    const body: HarnessInboxResponse = {
      mailbox: {
        displayName: me.displayName ?? me.mail ?? me.userPrincipalName ?? me.id,
        emailAddress: (me.mail ?? me.userPrincipalName ?? '').toLowerCase(),
        timeZone: (zone.success && zone.data.timeZone) || 'UTC',
      },
      messages,
    };
    return body;
  }

  router.get(
    '/api/harness/directory',
    deps.requireUser,
    route({ query: noQuery }, async ({ user }, res) => {
      const body = await cached(`directory:${user.tid}:${user.oid}`, () => readDirectory(user));
      res.setHeader('Cache-Control', 'no-store');
      res.json(body);
    }),
  );

  async function readDirectory(user: AuthenticatedUser): Promise<HarnessDirectoryResponse> {
    const graph = await deps.graphFor(user);
    const page = looseItems.parse(await graph.api(DIRECTORY_URL).get());
    const people = page.value.flatMap((raw) => {
      const u = directoryEntry.safeParse(raw);
      if (!u.success || (u.data.userType && u.data.userType !== 'Member')) return [];
      const mail = ADDRESS.safeParse(u.data.mail);
      if (!mail.success) return [];
      return [
        {
          displayName: u.data.displayName?.trim() || mail.data,
          mail: mail.data,
          jobTitle: u.data.jobTitle ?? null,
        },
      ];
    });
    people.sort((a, b) => a.displayName.localeCompare(b.displayName));
    return { people };
  }
  return router;
}
