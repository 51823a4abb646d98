import type { Client } from '@microsoft/microsoft-graph-client';
import express, { type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { AuthenticatedUser } from '../../auth/types';
import type { Logger } from '../../logger';
import type { Schema } from '../../store/schema';
import { syncStatus, syncUser } from '../../sync/userSync';

/**
 * GET /api/sync/status — the caller's sync progress; POST /api/sync — sync now (202, in the
 * background). One sync per user at a time in this process; the per-page cursors make a sync that
 * another instance started, or that crashed, resume where it stopped.
 */
export function syncRouter(deps: {
  db: Kysely<Schema>;
  requireUser: RequestHandler;
  graphFor: (user: AuthenticatedUser) => Promise<Client>;
  logger: Logger;
}): { router: express.Router; start(user: AuthenticatedUser): Promise<boolean> } {
  const running = new Map<string, Promise<unknown>>();
  async function start(user: AuthenticatedUser): Promise<boolean> {
    const key = `${user.tid}:${user.oid}`;
    if (running.has(key)) return false;
    const graph = await deps.graphFor(user); // token errors (consent) surface to the caller here
    const job = syncUser({ db: deps.db, graph, tid: user.tid, oid: user.oid })
      .then((r) => deps.logger.info({ streams: Object.keys(r) }, 'sync finished'))
      .catch((err: unknown) =>
        deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'sync failed'),
      )
      .finally(() => running.delete(key));
    running.set(key, job);
    return true;
  }
  const router = express.Router();
  router.get('/api/sync/status', deps.requireUser, async (_req, res) => {
    const user = res.locals.user!;
    const status = await syncStatus(deps.db, user.tid, user.oid);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ...status, running: running.has(`${user.tid}:${user.oid}`) });
  });
  router.post('/api/sync', deps.requireUser, async (_req, res) => {
    const started = await start(res.locals.user!);
    res.status(202).json({ started, running: true });
  });
  return { router, start };
}
