import express, { type RequestHandler } from 'express';
import type { z } from 'zod';
import type { automatedSendersResponse, settingsResponse } from '../../../contract';
import { route } from '../../http/route';
import type { InsightsService } from '../../insights/service';
import { userSettingsPatchSchema } from '../../settings/userSettings';

/**
 * GET /api/settings — the caller's settings with defaults; PATCH /api/settings — change some;
 * GET /api/settings/automated — who is not counted as a colleague because they look automated
 * (undone with a PATCH of `countAsColleagues`).
 * Through the insights service: settings shape the map, and it drops its cached copy on a change.
 */
export function settingsRouter(deps: {
  requireUser: RequestHandler;
  settings: Pick<InsightsService, 'settings' | 'updateSettings' | 'automated'>;
}): express.Router {
  const router = express.Router();
  router.get(
    '/api/settings',
    deps.requireUser,
    route({}, async ({ user }, res) => {
      res.setHeader('Cache-Control', 'no-store');
      const settings = await deps.settings.settings(user.tid, user.oid);
      res.json(settings satisfies z.input<typeof settingsResponse>);
    }),
  );
  router.get(
    '/api/settings/automated',
    deps.requireUser,
    route({}, async ({ user }, res) => {
      res.setHeader('Cache-Control', 'no-store');
      const senders = await deps.settings.automated(user.tid, user.oid);
      res.json({ senders } satisfies z.input<typeof automatedSendersResponse>);
    }),
  );
  router.patch(
    '/api/settings',
    deps.requireUser,
    route({ body: userSettingsPatchSchema }, async ({ user, body: patch }, res) => {
      const saved = await deps.settings.updateSettings(user.tid, user.oid, patch);
      res.json(saved satisfies z.input<typeof settingsResponse>);
    }),
  );
  return router;
}
