import pLimit from 'p-limit';
import { MAILBOX_CONCURRENCY } from '../../server/suggestions/calendar';
import type { Client } from '@microsoft/microsoft-graph-client';

/**
 * Graph requests as Rapport makes them, recorded above the SDK (one entry per SDK call: a retry
 * after a 429 is inside its entry), with what each had to wait for, and a bare replay of them.
 *
 * Dependencies are read off the run itself: a request depends on every request that had answered
 * before it was issued (happens-before). A replay that issues each request as soon as those have
 * answered in the replay reproduces the run's concurrency and its chains (a calendarView page
 * after the one whose nextLink it follows) without any of the work Rapport did in between.
 */
export interface Recorded {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  issuedAt: number;
  answeredAt: number;
  /** Indices (into the same log) of the requests answered before this one was issued. */
  after: number[];
  response?: unknown;
  failed?: boolean;
}

export class GraphLog {
  readonly requests: Recorded[] = [];
  private readonly answered: number[] = [];
  constructor(private readonly keepResponses = false) {}

  /** `inner`, recording every request it makes into this log. */
  client(inner: Client): Client {
    const requests = this.requests;
    const answered = this.answered;
    const keep = this.keepResponses;
    type Chain = {
      header(k: string, v: string): Chain;
      headers(h: Record<string, string>): Chain;
      select(f: string | string[]): Chain;
      get(): Promise<unknown>;
      post(body: unknown): Promise<unknown>;
      patch(body: unknown): Promise<unknown>;
    };
    const wrap = (url: string, req: ReturnType<Client['api']>, headers: Record<string, string>): Chain => {
      const send = async (method: Recorded['method'], body: unknown, call: () => Promise<unknown>) => {
        const entry: Recorded = {
          method,
          url,
          headers,
          ...(body === undefined ? {} : { body }),
          issuedAt: performance.now(),
          answeredAt: 0,
          after: [...answered],
        };
        const index = requests.push(entry) - 1;
        try {
          const r = await call();
          if (keep) entry.response = r;
          return r;
        } catch (err) {
          entry.failed = true;
          throw err;
        } finally {
          entry.answeredAt = performance.now();
          answered.push(index);
        }
      };
      return {
        header: (k, v) => wrap(url, req.header(k, v), { ...headers, [k]: v }),
        headers: (h) => wrap(url, req.headers(h), { ...headers, ...h }),
        select: (f) => wrap(url, req.select(f), { ...headers }), // (not used by suggestions)
        get: () => send('GET', undefined, () => req.get() as Promise<unknown>),
        post: (body) => send('POST', body, () => req.post(body) as Promise<unknown>),
        patch: (body) => send('PATCH', body, () => req.patch(body) as Promise<unknown>),
      };
    };
    return { api: (url: string) => wrap(url, inner.api(url), {}) } as unknown as Client;
  }

  /** The longest chain of requests each waiting for the one before (1 when all went at once). */
  depth(): number {
    const d: number[] = [];
    for (const r of this.requests) d.push(1 + Math.max(0, ...r.after.map((j) => d[j] ?? 0)));
    return Math.max(0, ...d);
  }

  clear(): void {
    this.requests.length = 0;
    this.answered.length = 0;
  }
}

/**
 * The same requests, bare: the same method, URL, headers and body through `client` (the same SDK
 * stack, limiter and retries as the run), each issued as soon as the requests it came after in the
 * run have answered here; answers are not parsed or used. Resolves to the wall time in ms.
 */
export async function replayBare(client: Client, requests: readonly Recorded[]): Promise<number> {
  // The mailbox's four concurrent requests, as the run keeps to them (MAILBOX_CONCURRENCY): without
  // it, jitter lets a fifth request out early, Graph answers 429 and the replay waits a second.
  const mailbox = pLimit(MAILBOX_CONCURRENCY);
  const started = performance.now();
  const done: Array<Promise<unknown>> = [];
  for (const r of requests) {
    const deps = r.after.map((j) => done[j]!);
    done.push(
      Promise.all(deps).then(() =>
        mailbox(() => {
          const req = client.api(r.url).headers(r.headers);
          return r.method === 'GET' ? req.get() : r.method === 'POST' ? req.post(r.body) : req.patch(r.body);
        }),
      ),
    );
  }
  await Promise.all(done);
  return performance.now() - started;
}
