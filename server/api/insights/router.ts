import express, { type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { AuthenticatedUser } from '../../auth/types';
import { HttpError } from '../../http/problem';
import { route } from '../../http/route';
import { mapToCsv } from '../../insights/csv';
import {
  addAppreciation,
  deleteAppreciation,
  deleteEverything,
  deleteStakeholder,
  listSnapshots,
  loadInteractions,
  loadStakeholders,
  upsertStakeholder,
} from '../../insights/repository';
import type { InsightsService } from '../../insights/service';
import { loadTimeline } from '../../insights/timeline';
import { getUserSettings } from '../../settings/userSettings';
import type { Schema } from '../../store/schema';
import { syncStatus } from '../../sync/userSync';
import {
  appreciationBody,
  appreciationParam,
  emailParam,
  exportQuery,
  idParam,
  mapQuery,
  monthParam,
  ratingBody,
  type StakeholderBody,
  snapshotBody,
  stakeholderBody,
  type TimelineResponse,
  timelineQuery,
} from './schemas';

/**
 * The insights API: the map, person cards (by directory id, and by e-mail for Outlook), a person's
 * timeline, the curated stakeholders with ratings, notes and appreciations, coverage, trends,
 * snapshots, the monthly review, export, and delete-everything-about-me. Every route acts for the
 * token's user in the token's tenant; nothing takes a user id from the request.
 */
export function insightsRouter(deps: {
  db: Kysely<Schema>;
  insights: InsightsService;
  requireUser: RequestHandler;
  /** Forgets the user's cached Graph tokens (delete-everything). */
  forgetTokens: (user: AuthenticatedUser) => Promise<void>;
}): express.Router {
  const router = express.Router();
  const { db, insights } = deps;
  router.use('/api', deps.requireUser, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get(
    '/api/map',
    route({ query: mapQuery }, async ({ user: { tid, oid }, query: q }, res) => {
      res.json(await insights.map(tid, oid, { asOf: q.asOf ? new Date(q.asOf) : undefined, limit: q.limit }));
    }),
  );

  router.get(
    '/api/people/by-email/:address',
    route({ params: emailParam }, async ({ user: { tid, oid }, params }, res) => {
      res.json(await insights.card(tid, oid, params.address));
    }),
  );

  router.get(
    '/api/people/:id',
    route({ params: idParam }, async ({ user: { tid, oid }, params }, res) => {
      const person = await insights.personById(tid, oid, params.id);
      if (!person) throw new HttpError(404, { title: 'Not on your map', code: 'not_found' });
      res.json(person);
    }),
  );

  router.get(
    '/api/people/:id/timeline',
    route(
      { params: idParam, query: timelineQuery },
      async ({ user: { tid, oid }, params, query: q }, res) => {
        // Only people on the user's own map have a timeline: the same 404 as the person route.
        const person = await insights.personById(tid, oid, params.id);
        if (!person) throw new HttpError(404, { title: 'Not on your map', code: 'not_found' });
        const settings = await getUserSettings(db, tid, oid);
        const timeline: TimelineResponse = await loadTimeline(db, tid, oid, person.address, {
          limit: q.limit,
          before: q.before ? new Date(q.before) : undefined,
          now: new Date(),
          subjects: settings.storeMeetingSubjects,
          timeZone: q.tz ?? 'UTC',
        });
        res.json(timeline);
      },
    ),
  );

  router.get(
    '/api/stakeholders',
    route({}, async ({ user: { tid, oid } }, res) => {
      res.json({ stakeholders: await loadStakeholders(db, tid, oid) });
    }),
  );

  const isInternal = async (tid: string, address: string) => {
    const domain = address.slice(address.lastIndexOf('@') + 1);
    const domains = await db.selectFrom('tenant_domains').select('domain').where('tid', '=', tid).execute();
    return domains.some((d) => domain === d.domain || domain.endsWith(`.${d.domain}`));
  };
  const write = async (
    { tid, oid }: AuthenticatedUser,
    res: express.Response,
    address: string,
    body: StakeholderBody,
    mustExist: boolean,
  ) => {
    if (!(await isInternal(tid, address)))
      throw new HttpError(422, {
        title: 'Not a colleague',
        code: 'external_person',
        detail: `${address} is outside your organisation's domains; the map holds colleagues only.`,
      });
    if (mustExist && !(await loadStakeholders(db, tid, oid)).some((s) => s.address === address))
      throw new HttpError(404, { title: 'Not on your map', code: 'not_found' });
    const person = await db
      .selectFrom('directory_people')
      .select('id')
      .where('tid', '=', tid)
      .where((eb) => eb(eb.val(address), '=', eb.fn.any('addresses')))
      .executeTakeFirst();
    const { function: fn, ...rest } = body;
    const r = await upsertStakeholder(db, tid, oid, address, {
      ...rest,
      ...(fn !== undefined ? { functionOverride: fn } : {}),
      personId: person?.id ?? null,
    });
    insights.invalidate(tid, oid);
    const saved = (await loadStakeholders(db, tid, oid)).find((s) => s.address === address);
    res.status(r.created ? 201 : 200).json(saved);
  };

  router.put(
    '/api/stakeholders/:address',
    route({ params: emailParam, body: stakeholderBody }, ({ user, params, body }, res) =>
      write(user, res, params.address, body, false),
    ),
  );
  router.patch(
    '/api/stakeholders/:address',
    route({ params: emailParam, body: stakeholderBody }, ({ user, params, body }, res) =>
      write(user, res, params.address, body, true),
    ),
  );
  router.put(
    '/api/stakeholders/:address/rating',
    route({ params: emailParam, body: ratingBody }, ({ user, params, body }, res) =>
      write(user, res, params.address, { selfRating: body.selfRating }, true),
    ),
  );
  router.delete(
    '/api/stakeholders/:address',
    route({ params: emailParam }, async ({ user: { tid, oid }, params }, res) => {
      const gone = await deleteStakeholder(db, tid, oid, params.address);
      if (!gone) throw new HttpError(404, { title: 'Not on your map', code: 'not_found' });
      insights.invalidate(tid, oid);
      res.status(204).end();
    }),
  );

  router.post(
    '/api/stakeholders/:address/appreciations',
    route(
      { params: emailParam, body: appreciationBody },
      async ({ user: { tid, oid }, params, body }, res) => {
        const { address } = params;
        if (!(await loadStakeholders(db, tid, oid)).some((s) => s.address === address))
          throw new HttpError(404, { title: 'Not on your map', code: 'not_found' });
        const saved = await addAppreciation(
          db,
          tid,
          oid,
          address,
          body.note,
          body.at ? new Date(body.at) : undefined,
        );
        insights.invalidate(tid, oid);
        res.status(201).json(saved);
      },
    ),
  );
  router.delete(
    '/api/stakeholders/:address/appreciations/:id',
    route({ params: appreciationParam }, async ({ user: { tid, oid }, params }, res) => {
      if (!(await deleteAppreciation(db, tid, oid, params.id)))
        throw new HttpError(404, { title: 'No such appreciation', code: 'not_found' });
      insights.invalidate(tid, oid);
      res.status(204).end();
    }),
  );

  router.get(
    '/api/coverage',
    route({}, async ({ user: { tid, oid } }, res) => {
      const map = await insights.map(tid, oid);
      res.json({ asOf: map.asOf, functions: map.functions, internalShare: map.internalShare });
    }),
  );

  router.get(
    '/api/trends',
    route({}, async ({ user: { tid, oid } }, res) => {
      const map = await insights.map(tid, oid, { limit: 50 });
      res.json({
        asOf: map.asOf,
        internalShare: map.internalShare,
        people: map.people.map((p) => ({
          address: p.address,
          displayName: p.displayName,
          function: p.function,
          trend: p.health.trend,
          cooling: p.health.cooling,
          series: p.series,
        })),
      });
    }),
  );

  router.get(
    '/api/snapshots',
    route({}, async ({ user: { tid, oid } }, res) => {
      const list = await listSnapshots(db, tid, oid);
      res.json({ snapshots: list.map(({ payload: _payload, ...rest }) => rest) });
    }),
  );
  router.get(
    '/api/snapshots/:month',
    route({ params: monthParam }, async ({ user: { tid, oid }, params }, res) => {
      const list = (await listSnapshots(db, tid, oid)).filter((s) => s.month === params.month);
      if (!list.length) throw new HttpError(404, { title: 'No snapshot for that month', code: 'not_found' });
      res.json({ snapshots: list });
    }),
  );
  router.post(
    '/api/snapshots',
    route({ body: snapshotBody }, async ({ user: { tid, oid }, body }, res) => {
      const month = body.month ?? new Date().toISOString().slice(0, 7);
      res.status(201).json(await insights.snapshot(tid, oid, month));
    }),
  );
  router.get(
    '/api/review',
    route({}, async ({ user: { tid, oid } }, res) => {
      res.json(await insights.review(tid, oid));
    }),
  );

  router.get(
    '/api/export',
    route({ query: exportQuery }, async ({ user: { tid, oid }, query: { format } }, res) => {
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'csv') {
        const map = await insights.map(tid, oid, { limit: 5000 });
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="rapport-map-${stamp}.csv"`);
        res.send(mapToCsv(map));
        return;
      }
      const [settings, stakeholders, snapshots, interactions, sync, mailbox] = await Promise.all([
        getUserSettings(db, tid, oid),
        loadStakeholders(db, tid, oid),
        listSnapshots(db, tid, oid),
        loadInteractions(db, tid, oid),
        syncStatus(db, tid, oid),
        db
          .selectFrom('mailbox_settings')
          .selectAll()
          .where('tid', '=', tid)
          .where('oid', '=', oid)
          .executeTakeFirst(),
      ]);
      res.setHeader('Content-Disposition', `attachment; filename="rapport-export-${stamp}.json"`);
      res.json({
        exportedAt: new Date().toISOString(),
        user: { tid, oid },
        settings,
        mailboxSettings: mailbox
          ? { timeZone: mailbox.time_zone, workingHours: mailbox.working_hours }
          : null,
        stakeholders,
        snapshots,
        sync,
        interactions,
      });
    }),
  );

  router.delete(
    '/api/me/data',
    route({}, async ({ user }, res) => {
      const deleted = await deleteEverything(db, user.tid, user.oid);
      await deps.forgetTokens(user);
      insights.invalidate(user.tid, user.oid);
      res.json({ deleted });
    }),
  );

  return router;
}
