import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type express from 'express';

export interface Listening {
  server: http.Server;
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then drops the rest. */
  close(graceMs?: number): Promise<void>;
}

export async function listen(
  app: express.Express,
  opts: { port: number; host: string; tls?: { cert: string; key: string } },
): Promise<Listening> {
  const server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, app)
    : http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host === 'localhost' ? '127.0.0.1' : opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${opts.tls ? 'https' : 'http'}://${opts.host}:${port}`;
  return {
    server,
    url,
    port,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/**
 * Runs `closers` in reverse order of registration on SIGTERM/SIGINT, then exits 0; a second signal
 * exits at once.
 */
export function onShutdown(closers: Array<() => Promise<void>>, log: (msg: string) => void = () => {}): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`${signal} received: shutting down`);
    for (const close of [...closers].reverse()) {
      try {
        await close();
      } catch (err) {
        log(`shutdown step failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
