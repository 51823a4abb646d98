import express, { type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { route } from '../../http/route';
import { getUserSettings, updateUserSettings, userSettingsPatchSchema } from '../../settings/userSettings';
import type { Schema } from '../../store/schema';

/** GET /api/settings — the caller's settings with defaults; PATCH /api/settings — change some. */
export function settingsRouter(deps: {
  db: Kysely<Schema>;
  requireUser: RequestHandler;
  onChange?: (tid: string, oid: string) => void;
}): express.Router {
  const router = express.Router();
  router.get(
    '/api/settings',
    deps.requireUser,
    route({}, async ({ user }, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await getUserSettings(deps.db, user.tid, user.oid));
    }),
  );
  router.patch(
    '/api/settings',
    deps.requireUser,
    route({ body: userSettingsPatchSchema }, async ({ user, body: patch }, res) => {
      const saved = await updateUserSettings(deps.db, user.tid, user.oid, patch);
      deps.onChange?.(user.tid, user.oid);
      res.json(saved);
    }),
  );
  return router;
}
