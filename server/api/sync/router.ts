import express, { type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { syncQueuedResponse, syncStatusResponse } from '../../../contract';
import type { AuthenticatedUser } from '../../auth/types';
import { route } from '../../http/route';
import type { Schema } from '../../store/schema';
import { syncStatus } from '../../sync/userSync';

/**
 * GET /api/sync/status — the caller's sync progress; POST /api/sync — sync now (202: queued). The
 * job runs on whichever server instance takes it; per-page cursors make any sync resume where a
 * crashed one stopped.
 */
export function syncRouter(deps: {
  db: Kysely<Schema>;
  requireUser: RequestHandler;
  /** Checks Graph access for the user (surfacing consent errors) and queues a sync job. */
  start: (user: AuthenticatedUser) => Promise<void>;
}): express.Router {
  const router = express.Router();
  router.get(
    '/api/sync/status',
    deps.requireUser,
    route({}, async ({ user }, res) => {
      res.setHeader('Cache-Control', 'no-store');
      const status = await syncStatus(deps.db, user.tid, user.oid);
      res.json(status satisfies z.input<typeof syncStatusResponse>);
    }),
  );
  router.post(
    '/api/sync',
    deps.requireUser,
    route({}, async ({ user }, res) => {
      await deps.start(user);
      res.status(202).json({ queued: true } satisfies z.input<typeof syncQueuedResponse>);
    }),
  );
  return router;
}
