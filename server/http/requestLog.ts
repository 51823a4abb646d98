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
    log: Logger;
  }
}

export function requestLog(logger: Logger, opts: { ignore?: (url: string) => boolean } = {}): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = String(res.getHeader('x-request-id') ?? '');
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      get: () => (child ??= logger.child({ reqId: id })),
    });
    if (!opts.ignore?.(req.url))
      res.once('finish', () => {
        const status = res.statusCode;
        const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        req.log[level](
          {
            req: { id, method: req.method, url: req.originalUrl.split('?')[0] },
            res: { statusCode: status },
            responseTime: Math.round(performance.now() - started),
          },
          'request completed',
        );
      });
    next();
  };
}
