import express, { type RequestHandler } from 'express';
import { route } from '../../http/route';
import type { InsightsService } from '../../insights/service';
import { userSettingsPatchSchema } from '../../settings/userSettings';

/**
 * GET /api/settings — the caller's settings with defaults; PATCH /api/settings — change some.
 * Through the insights service: settings shape the map, and it drops its cached copy on a change.
 */
export function settingsRouter(deps: {
  requireUser: RequestHandler;
  settings: Pick<InsightsService, 'settings' | 'updateSettings'>;
}): express.Router {
  const router = express.Router();
  router.get(
    '/api/settings',
    deps.requireUser,
    route({}, async ({ user }, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await deps.settings.settings(user.tid, user.oid));
    }),
  );
  router.patch(
    '/api/settings',
    deps.requireUser,
    route({ body: userSettingsPatchSchema }, async ({ user, body: patch }, res) => {
      res.json(await deps.settings.updateSettings(user.tid, user.oid, patch));
    }),
  );
  return router;
}
