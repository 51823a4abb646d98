import type { RequestHandler } from 'express';
import { GraphError } from './errors';

/**
 * Outlook's documented limits, per app per mailbox: 10,000 requests per 10 minutes and 4 concurrent
 * requests (FACTS.md §3). Over the budget → 429 `TooManyRequests` with a Retry-After until the window
 * frees a slot; over concurrency → 429 `ApplicationThrottled` "MailboxConcurrency".
 */
export interface ThrottleLimits {
  requestsPerWindow: number;
  windowMs: number;
  concurrent: number;
}

export const OUTLOOK_LIMITS: ThrottleLimits = { requestsPerWindow: 10_000, windowMs: 600_000, concurrent: 4 };

export class MailboxThrottle {
  limits: ThrottleLimits = { ...OUTLOOK_LIMITS };
  private readonly windows = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();
  /** Requests answered with 429 since the last reset, for tests and benchmarks. */
  throttled = 0;
  /** Requests admitted, per key. */
  readonly admitted = new Map<string, number>();

  reset(limits: Partial<ThrottleLimits> = {}): void {
    this.limits = { ...OUTLOOK_LIMITS, ...limits };
    this.windows.clear();
    this.inFlight.clear();
    this.admitted.clear();
    this.throttled = 0;
  }

  /** Middleware for routes whose mailbox is `mailboxOf(req)`; undefined means "not a mailbox route". */
  middleware(mailboxOf: (path: string, principalOid: string) => string | undefined): RequestHandler {
    return (req, res, next) => {
      const principal = res.locals.principal;
      const mailbox = principal && mailboxOf(req.path, principal.oid);
      if (!principal || !mailbox) return next();
      const key = `${principal.appId}|${mailbox}`;
      const now = Date.now();
      const window = (this.windows.get(key) ?? []).filter((t) => t > now - this.limits.windowMs);
      this.windows.set(key, window);
      if (window.length >= this.limits.requestsPerWindow) {
        this.throttled++;
        const retryAfter = Math.max(0.001, (window[0]! + this.limits.windowMs - now) / 1000);
        return next(
          new GraphError(429, 'TooManyRequests', 'Please retry again later.', {
            'Retry-After': retryAfter.toFixed(3),
          }),
        );
      }
      const running = this.inFlight.get(key) ?? 0;
      if (running >= this.limits.concurrent) {
        this.throttled++;
        return next(
          new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', {
            'Retry-After': '1',
          }),
        );
      }
      window.push(now);
      this.admitted.set(key, (this.admitted.get(key) ?? 0) + 1);
      this.inFlight.set(key, running + 1);
      let done = false;
      const release = () => {
        if (done) return;
        done = true;
        this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
      };
      res.on('finish', release);
      res.on('close', release);
      next();
    };
  }
}

/** The mailbox a Graph path addresses, for Outlook resources (mail, calendar, mailbox settings). */
export function outlookMailbox(path: string, principalOid: string): string | undefined {
  const m =
    /^\/(me|users\/([^/]+))\/(mailFolders|messages|calendar|calendarView|calendars|events|mailboxSettings|findMeetingTimes)(\/|$)/i.exec(
      path,
    );
  if (!m) return undefined;
  return m[1]!.toLowerCase() === 'me' ? principalOid : decodeURIComponent(m[2]!).toLowerCase();
}
