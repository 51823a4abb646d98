import { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

/**
 * One log line per request (method, path without query, status, time) at a level chosen by the
 * status, and `req.log`, a child logger carrying the request id, made only when something logs.
 * It replaces pino-http, whose per-request child logger and serializers cost a third of the
 * throughput of a cached person card — the Outlook pane's hot path (bench: `cardVsBareExpress`).
 */
declare module 'http' {
  interface IncomingMessage {
    readonly log: Logger;
  }
}

const CONTEXT = Symbol('rapport.requestLog');
interface Context {
  logger: Logger;
  id: string;
  child?: Logger;
}
type WithContext = IncomingMessage & { [CONTEXT]?: Context };

// A getter on the prototype, set once: per request only a plain property is written.
Object.defineProperty(IncomingMessage.prototype, 'log', {
  configurable: true,
  get(this: WithContext) {
    const c = this[CONTEXT];
    if (!c) throw new Error('req.log is available only behind the requestLog middleware');
    return (c.child ??= c.logger.child({ reqId: c.id }));
  },
});

export function requestLog(logger: Logger, opts: { ignore?: (url: string) => boolean } = {}): RequestHandler {
  return (req, res, next) => {
    const context: Context = { logger, id: String(res.getHeader('x-request-id') ?? '') };
    (req as WithContext)[CONTEXT] = context;
    // Nothing would be written (silent): no per-request listener at all.
    if (logger.isLevelEnabled('error') && !opts.ignore?.(req.url)) {
      const started = performance.now();
      res.once('finish', () => {
        const status = res.statusCode;
        const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        req.log[level](
          {
            req: { id: context.id, method: req.method, url: req.originalUrl.split('?')[0] },
            res: { statusCode: status },
            responseTime: Math.round(performance.now() - started),
          },
          'request completed',
        );
      });
    }
    next();
  };
}
