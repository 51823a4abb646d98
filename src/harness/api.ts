import { harnessReturnTo } from './officeStandIn';

/**
 * The harness's own data, from the demo-only routes (server/api/harness/router.ts): the demo user's
 * newest mail and the directory. Signed in the demo's way (the sign-in session's cookie, as the
 * stand-alone tab does); not signed in, the harness goes through sign-in and comes back.
 *
 * Answers are checked by hand (a few shapes, no schema library: the harness shares its main thread
 * with the pane it frames); a wrong shape throws an Error naming the route and the field.
 */
export interface Address {
  displayName: string;
  emailAddress: string;
}
export interface InboxResponse {
  mailbox: { displayName: string; emailAddress: string; timeZone: string };
  messages: Array<{
    id: string;
    subject: string;
    receivedDateTime: string | null;
    from: Address | null;
    to: Address[];
    cc: Address[];
  }>;
}
export interface DirectoryPerson {
  displayName: string;
  mail: string;
  jobTitle: string | null;
}

type Fields = Record<string, unknown>;
class ShapeError extends Error {}
const bad = (at: string, expected: string): never => {
  throw new ShapeError(`${at} is not ${expected}`);
};
const object = (v: unknown, at: string): Fields =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Fields) : bad(at, 'an object');
const string = (v: unknown, at: string): string => (typeof v === 'string' ? v : bad(at, 'a string'));
const stringOrNull = (v: unknown, at: string): string | null =>
  v === null ? null : typeof v === 'string' ? v : bad(at, 'a string or null');
const optionalString = (v: unknown, at: string): string | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? v : bad(at, 'a string');
const array = <T>(v: unknown, at: string, each: (x: unknown, at: string) => T): T[] =>
  Array.isArray(v) ? v.map((x, i) => each(x, `${at}[${i}]`)) : bad(at, 'an array');

/** Runs a shape check over an answer; a mismatch becomes one clear Error about `what`. */
function checked<T>(what: string, body: unknown, read: (body: unknown) => T): T {
  try {
    return read(body);
  } catch (e) {
    if (e instanceof ShapeError) throw new Error(`${what} answered an unexpected shape: ${e.message}`);
    throw e;
  }
}

const address = (v: unknown, at: string): Address => {
  const o = object(v, at);
  return {
    displayName: string(o.displayName, `${at}.displayName`),
    emailAddress: string(o.emailAddress, `${at}.emailAddress`),
  };
};

export function readInbox(body: unknown): InboxResponse {
  const o = object(body, 'the body');
  const m = object(o.mailbox, 'mailbox');
  return {
    mailbox: {
      displayName: string(m.displayName, 'mailbox.displayName'),
      emailAddress: string(m.emailAddress, 'mailbox.emailAddress'),
      timeZone: string(m.timeZone, 'mailbox.timeZone'),
    },
    messages: array(o.messages, 'messages', (v, at) => {
      const x = object(v, at);
      return {
        id: string(x.id, `${at}.id`),
        subject: string(x.subject, `${at}.subject`),
        receivedDateTime: stringOrNull(x.receivedDateTime, `${at}.receivedDateTime`),
        from: x.from === null ? null : address(x.from, `${at}.from`),
        to: array(x.to, `${at}.to`, address),
        cc: array(x.cc, `${at}.cc`, address),
      };
    }),
  };
}

export function readDirectory(body: unknown): { people: DirectoryPerson[] } {
  const o = object(body, 'the body');
  return {
    people: array(o.people, 'people', (v, at) => {
      const p = object(v, at);
      return {
        displayName: string(p.displayName, `${at}.displayName`),
        mail: string(p.mail, `${at}.mail`),
        jobTitle: stringOrNull(p.jobTitle, `${at}.jobTitle`),
      };
    }),
  };
}

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
  const body = checked('/auth/token', await res.json(), (v) => {
    const o = object(v, 'the body');
    return {
      accessToken: string(o.accessToken, 'accessToken'),
      expiresOn: stringOrNull(o.expiresOn, 'expiresOn'),
    };
  });
  token = {
    value: body.accessToken,
    until: body.expiresOn ? Date.parse(body.expiresOn) : Date.now() + 5 * 60_000,
  };
  return token.value;
}

async function get<T>(path: string, read: (body: unknown) => T): Promise<T> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${await apiToken()}` } });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return checked(path, await res.json(), read);
}

export const loadInbox = () => get('/api/harness/inbox', readInbox);
export const loadDirectory = () => get('/api/harness/directory', readDirectory);

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
  const claims = checked('The API token', JSON.parse(json), (v) => {
    const o = object(v, 'its claims');
    return {
      name: optionalString(o.name, 'name'),
      preferred_username: optionalString(o.preferred_username, 'preferred_username'),
      upn: optionalString(o.upn, 'upn'),
    };
  });
  const emailAddress = (claims.preferred_username ?? claims.upn ?? '').toLowerCase();
  return {
    displayName: claims.name ?? emailAddress,
    emailAddress,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
