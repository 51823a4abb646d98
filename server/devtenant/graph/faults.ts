import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { GraphError } from './errors';
import { MailboxThrottle } from './throttle';

/**
 * Faults on demand for tests and benchmarks: latency, injected errors, 429 storms, timeouts and
 * dropped connections, each optionally limited to paths matching a pattern. Throttling limits
 * (per app per mailbox) are tuned here too.
 */
const ruleSchema = z.object({
  kind: z.enum(['status', 'storm', 'timeout', 'drop']),
  /** How many matching requests it applies to. */
  count: z.number().int().min(1).max(1_000_000).default(1),
  status: z.number().int().min(400).max(599).default(503),
  /** Seconds, sent as Retry-After (fractional allowed); omitted when null. */
  retryAfter: z.number().min(0).max(600).nullable().default(null),
  /** For 'status': Graph's error code and message to answer with (e.g. MailboxNotEnabledForRESTAPI). */
  code: z.string().min(1).optional(),
  message: z.string().optional(),
  /** For timeouts: how long to hold the request before dropping it. */
  holdMs: z.number().int().min(0).max(600_000).default(30_000),
  path: z.string().optional(),
});
export type FaultRule = z.infer<typeof ruleSchema>;

const latencySchema = z.object({
  fixedMs: z.number().min(0).max(60_000).default(0),
  jitterMs: z.number().min(0).max(60_000).default(0),
  path: z.string().optional(),
});

export class FaultController {
  readonly throttle = new MailboxThrottle();
  private rules: Array<FaultRule & { left: number }> = [];
  private latency: z.infer<typeof latencySchema> = { fixedMs: 0, jitterMs: 0 };
  /** Faults injected so far, by kind. */
  readonly injected: Record<string, number> = {};

  add(rule: Partial<FaultRule> & Pick<FaultRule, 'kind'>): void {
    const r = ruleSchema.parse(rule);
    this.rules.push({ ...r, left: r.count });
  }

  setLatency(l: Partial<z.infer<typeof latencySchema>>): void {
    this.latency = latencySchema.parse(l);
  }

  reset(): void {
    this.rules = [];
    this.latency = { fixedMs: 0, jitterMs: 0 };
    this.throttle.reset();
    for (const k of Object.keys(this.injected)) delete this.injected[k];
  }

  /** Added latency: runs after admission, so slow requests hold their concurrency slot as real ones do. */
  latencyMiddleware(): RequestHandler {
    return async (req, _res, next) => {
      const l = this.latency;
      if ((l.fixedMs || l.jitterMs) && (!l.path || new RegExp(l.path, 'i').test(req.path))) {
        await new Promise((r) => setTimeout(r, l.fixedMs + Math.random() * l.jitterMs));
      }
      next();
    };
  }

  /** Injected failures, before throttling. */
  middleware(): RequestHandler {
    return async (req, _res, next) => {
      const path = req.path;
      const rule = this.rules.find((r) => r.left > 0 && (!r.path || new RegExp(r.path, 'i').test(path)));
      if (!rule) return next();
      rule.left--;
      this.injected[rule.kind] = (this.injected[rule.kind] ?? 0) + 1;
      const headers: Record<string, string> =
        rule.retryAfter === null ? {} : { 'Retry-After': String(rule.retryAfter) };
      switch (rule.kind) {
        case 'storm':
          return next(new GraphError(429, 'TooManyRequests', 'Please retry again later.', headers));
        case 'status':
          return next(
            new GraphError(
              rule.status,
              rule.code ??
                (rule.status === 503
                  ? 'ServiceNotAvailable'
                  : rule.status === 504
                    ? 'GatewayTimeout'
                    : 'InternalServerError'),
              rule.message ?? 'The service is temporarily unavailable.',
              headers,
            ),
          );
        case 'timeout':
          setTimeout(() => req.socket.destroy(), rule.holdMs).unref();
          return;
        case 'drop':
          req.socket.destroy();
          return;
      }
    };
  }
}

export function createFaultControlRouter(faults: FaultController): express.Router {
  const router = express.Router();
  router.post('/rules', (req, res) => {
    faults.add(ruleSchema.parse(req.body));
    res.status(204).end();
  });
  router.post('/latency', (req, res) => {
    faults.setLatency(latencySchema.parse(req.body));
    res.status(204).end();
  });
  router.post('/throttle', (req, res) => {
    const limits = z
      .object({
        requestsPerWindow: z.number().int().min(1),
        windowMs: z.number().int().min(1),
        concurrent: z.number().int().min(1),
      })
      .partial()
      .parse(req.body);
    faults.throttle.reset(limits);
    res.status(204).end();
  });
  router.post('/reset', (_req, res) => {
    faults.reset();
    res.status(204).end();
  });
  router.get('/stats', (_req, res) => {
    res.json({
      injected: faults.injected,
      throttled: faults.throttle.throttled,
      admitted: Object.fromEntries(faults.throttle.admitted),
    });
  });
  router.use(((err, _req, res, _next) => {
    res.status(400).json({ error: err instanceof Error ? err.message : String(err) });
  }) as express.ErrorRequestHandler);
  return router;
}
