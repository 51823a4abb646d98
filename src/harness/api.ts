import { z } from 'zod';
import { harnessReturnTo } from './officeStandIn';

/**
 * The harness's own data, from the demo-only routes (server/api/harness/router.ts): the demo user's
 * newest mail and the directory. Signed in the demo's way (the sign-in session's cookie, as the
 * stand-alone tab does); not signed in, the harness goes through sign-in and comes back.
 */
const address = z.object({ displayName: z.string(), emailAddress: z.string() });
export const inboxResponse = z.object({
  mailbox: z.object({ displayName: z.string(), emailAddress: z.string(), timeZone: z.string() }),
  messages: z.array(
    z.object({
      id: z.string(),
      subject: z.string(),
      receivedDateTime: z.string().nullable(),
      from: address.nullable(),
      to: z.array(address),
      cc: z.array(address),
    }),
  ),
});
export const directoryResponse = z.object({
  people: z.array(z.object({ displayName: z.string(), mail: z.string(), jobTitle: z.string().nullable() })),
});
export type InboxResponse = z.infer<typeof inboxResponse>;
export type DirectoryPerson = z.infer<typeof directoryResponse>['people'][number];

let token: { value: string; until: number } | null = null;
let inFlight: Promise<string> | null = null;

/** The demo user's API token, cached; callers at the same moment share one request. */
export function apiToken(): Promise<string> {
  if (token && token.until - Date.now() > 60_000) return Promise.resolve(token.value);
  inFlight ??= fetchToken().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

async function fetchToken(): Promise<string> {
  const res = await fetch('/auth/token', {
    method: 'POST',
    credentials: 'include',
    headers: { 'X-Rapport-Request': '1' },
  });
  if (res.status === 401) {
    window.location.assign(`/auth/login?returnTo=${encodeURIComponent(harnessReturnTo())}`);
    throw new Error('signing in');
  }
  if (!res.ok) throw new Error(`Could not get a token (${res.status})`);
  const body = z
    .object({ accessToken: z.string(), expiresOn: z.string().nullable() })
    .parse(await res.json());
  token = {
    value: body.accessToken,
    until: body.expiresOn ? Date.parse(body.expiresOn) : Date.now() + 5 * 60_000,
  };
  return token.value;
}

async function get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${await apiToken()}` } });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return schema.parse(await res.json());
}

export const loadInbox = () => get('/api/harness/inbox', inboxResponse);
export const loadDirectory = () => get('/api/harness/directory', directoryResponse);

/**
 * The user's mailbox profile from their API token's claims (name, sign-in name) — no Graph read —
 * so an item that needs no mail (compose, a meeting, nothing selected) is ready at once.
 */
export async function profileFromToken(): Promise<InboxResponse['mailbox']> {
  const [, payload = ''] = (await apiToken()).split('.');
  const json = atob(
    payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '='),
  );
  const claims = z
    .object({
      name: z.string().optional(),
      preferred_username: z.string().optional(),
      upn: z.string().optional(),
    })
    .parse(JSON.parse(json));
  const emailAddress = (claims.preferred_username ?? claims.upn ?? '').toLowerCase();
  return {
    displayName: claims.name ?? emailAddress,
    emailAddress,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
