import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { classifyGraphResponse, isRetryable } from './errors';

/**
 * JSON batching for reads that would otherwise be separate round trips (Graph takes 20 per batch).
 * Graph answers a batch with 200 even when sub-requests were throttled: those come back as 429 (or
 * 503/504) inside it, and retrying them is the caller's job — done here for every throttled or
 * transient sub-response (the one retry policy, `isRetryable`), honouring the largest
 * `Retry-After` among them (fractional seconds too) or backing off with jitter when it is absent.
 */
export interface BatchGet {
  id: string;
  url: string;
  headers?: Record<string, string>;
}
export interface BatchResult {
  status: number;
  body: unknown;
}

const MAX_PER_BATCH = 20;
const batchResponse = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      headers: z.record(z.string(), z.string()).nullish(),
      body: z.unknown().optional(),
    }),
  ),
});

export interface BatchOptions {
  maxAttempts?: number;
  /** Waits (ms); tests replace it to run without sleeping. */
  sleep?: (ms: number) => Promise<void>;
  /** Backoff when a throttled answer has no Retry-After: base × 2^attempt, with jitter. */
  baseDelayMs?: number;
}

export async function batchGet(
  graph: Client,
  requests: BatchGet[],
  opts: BatchOptions = {},
): Promise<Map<string, BatchResult>> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const results = new Map<string, BatchResult>();
  let pending = requests;
  for (let attempt = 0; pending.length; attempt++) {
    const retry: BatchGet[] = [];
    let waitMs = 0;
    for (let i = 0; i < pending.length; i += MAX_PER_BATCH) {
      const chunk = pending.slice(i, i + MAX_PER_BATCH);
      const raw: unknown = await graph.api('/$batch').post({
        requests: chunk.map((r) => ({ id: r.id, method: 'GET', url: r.url, headers: r.headers })),
      });
      const byId = new Map(chunk.map((r) => [r.id, r]));
      for (const res of batchResponse.parse(raw).responses) {
        const req = byId.get(res.id);
        if (!req) continue;
        results.set(res.id, { status: res.status, body: res.body });
        const failure = classifyGraphResponse({ ...res, headers: res.headers ?? undefined });
        if (failure && isRetryable(failure) && attempt + 1 < (opts.maxAttempts ?? 5)) {
          retry.push(req);
          const base = (opts.baseDelayMs ?? 1000) * 2 ** attempt;
          waitMs = Math.max(waitMs, failure.retryAfterMs ?? base / 2 + Math.random() * base);
        }
      }
    }
    if (retry.length) await sleep(waitMs);
    pending = retry;
  }
  return results;
}
