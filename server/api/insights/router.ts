import express, { type RequestHandler } from 'express';
import type { z } from 'zod';
import type {
  appreciationResponse,
  coverageResponse,
  deletedResponse,
  mapPerson,
  mapResponse,
  monthSnapshotsResponse,
  peopleCardsResponse,
  personCardResponse,
  reviewResponse,
  savedStakeholderResponse,
  snapshotsResponse,
  snapshotTakenResponse,
  stakeholdersResponse,
  timelineResponse,
  trendsResponse,
} from '../../../contract';
import type { AuthenticatedUser } from '../../auth/types';
import { HttpError } from '../../http/problem';
import { route } from '../../http/route';
import type { InsightsService, StakeholderRefusal } from '../../insights/service';
import {
  appreciationBody,
  appreciationParam,
  cardsBody,
  emailParam,
  exportQuery,
  idParam,
  mapQuery,
  monthParam,
  ratingBody,
  type StakeholderBody,
  snapshotBody,
  stakeholderBody,
  timelineQuery,
} from './schemas';

/**
 * The insights API: the map, person cards (by directory id, and by e-mail for Outlook), a person's
 * timeline, the curated stakeholders with ratings, notes and appreciations, coverage, trends,
 * snapshots, the monthly review, export, and delete-everything-about-me. Every route acts for the
 * token's user in the token's tenant; nothing takes a user id from the request. The rules live in
 * the insights service: here, requests become calls and answers become HTTP.
 */
export function insightsRouter(deps: {
  insights: InsightsService;
  requireUser: RequestHandler;
  /** Forgets the user's cached Graph tokens (delete-everything). */
  forgetTokens: (user: AuthenticatedUser) => Promise<void>;
  /** Starts the user's first sync if it never ran (the Outlook pane may be the first thing they open). */
  firstUse?: (user: AuthenticatedUser) => Promise<void>;
}): express.Router {
  const router = express.Router();
  const { insights } = deps;
  router.use('/api', deps.requireUser, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const notOnYourMap = () => new HttpError(404, { title: 'Not on your map', code: 'not_found' });
  const refusal = (why: StakeholderRefusal, address: string) =>
    why === 'not_a_colleague'
      ? new HttpError(422, {
          title: 'Not a colleague',
          code: 'external_person',
          detail: `${address} is outside your organisation's domains; the map holds colleagues only.`,
        })
      : notOnYourMap();

  router.get(
    '/api/map',
    route({ query: mapQuery }, async ({ user: { tid, oid }, query: q }, res) => {
      const map = await insights.map(tid, oid, {
        asOf: q.asOf ? new Date(q.asOf) : undefined,
        limit: q.limit,
      });
      res.json(map satisfies z.input<typeof mapResponse>);
    }),
  );

  router.get(
    '/api/people/by-email/:address',
    route({ params: emailParam }, async ({ user: { tid, oid }, params }, res) => {
      const card = await insights.card(tid, oid, params.address);
      res.json(card satisfies z.input<typeof personCardResponse>);
    }),
  );

  router.post(
    '/api/people/cards',
    route({ body: cardsBody }, async ({ user, body }, res) => {
      void deps.firstUse?.(user);
      const cards = await insights.cards(user.tid, user.oid, body.addresses);
      res.json(cards satisfies z.input<typeof peopleCardsResponse>);
    }),
  );

  router.get(
    '/api/people/:id',
    route({ params: idParam }, async ({ user: { tid, oid }, params }, res) => {
      const person = await insights.personById(tid, oid, params.id);
      if (!person) throw notOnYourMap();
      res.json(person satisfies z.input<typeof mapPerson>);
    }),
  );

  router.get(
    '/api/people/:id/timeline',
    route(
      { params: idParam, query: timelineQuery },
      async ({ user: { tid, oid }, params, query: q }, res) => {
        const timeline = await insights.timeline(tid, oid, params.id, {
          limit: q.limit,
          before: q.before ? new Date(q.before) : undefined,
          timeZone: q.tz,
        });
        // Only people on the user's own map have a timeline: the same 404 as the person route.
        if (!timeline) throw notOnYourMap();
        res.json(timeline satisfies z.input<typeof timelineResponse>);
      },
    ),
  );

  router.get(
    '/api/stakeholders',
    route({}, async ({ user: { tid, oid } }, res) => {
      const stakeholders = await insights.stakeholders(tid, oid);
      res.json({ stakeholders } satisfies z.input<typeof stakeholdersResponse>);
    }),
  );

  /** PUT creates or updates, PATCH and the rating update only someone already on the map. */
  const save = async (
    { tid, oid }: AuthenticatedUser,
    res: express.Response,
    address: string,
    body: StakeholderBody,
    mustExist: boolean,
  ) => {
    const { function: functionOverride, ...rest } = body;
    const changes = functionOverride !== undefined ? { ...rest, functionOverride } : rest;
    const r = await insights.saveStakeholder(tid, oid, address, changes, { mustExist });
    if ('refused' in r) throw refusal(r.refused, address);
    res.status(r.created ? 201 : 200).json(r.stakeholder satisfies z.input<typeof savedStakeholderResponse>);
  };
  router.put(
    '/api/stakeholders/:address',
    route({ params: emailParam, body: stakeholderBody }, ({ user, params, body }, res) =>
      save(user, res, params.address, body, false),
    ),
  );
  router.patch(
    '/api/stakeholders/:address',
    route({ params: emailParam, body: stakeholderBody }, ({ user, params, body }, res) =>
      save(user, res, params.address, body, true),
    ),
  );
  router.put(
    '/api/stakeholders/:address/rating',
    route({ params: emailParam, body: ratingBody }, ({ user, params, body }, res) =>
      save(user, res, params.address, { selfRating: body.selfRating }, true),
    ),
  );
  router.delete(
    '/api/stakeholders/:address',
    route({ params: emailParam }, async ({ user: { tid, oid }, params }, res) => {
      if (!(await insights.removeStakeholder(tid, oid, params.address))) throw notOnYourMap();
      res.status(204).end();
    }),
  );

  router.post(
    '/api/stakeholders/:address/appreciations',
    route(
      { params: emailParam, body: appreciationBody },
      async ({ user: { tid, oid }, params, body }, res) => {
        const at = body.at ? new Date(body.at) : undefined;
        const saved = await insights.appreciate(tid, oid, params.address, body.note, at);
        if (!saved) throw notOnYourMap();
        res.status(201).json(saved satisfies z.input<typeof appreciationResponse>);
      },
    ),
  );
  router.delete(
    '/api/stakeholders/:address/appreciations/:id',
    route({ params: appreciationParam }, async ({ user: { tid, oid }, params }, res) => {
      if (!(await insights.removeAppreciation(tid, oid, params.id)))
        throw new HttpError(404, { title: 'No such appreciation', code: 'not_found' });
      res.status(204).end();
    }),
  );

  router.get(
    '/api/coverage',
    route({}, async ({ user: { tid, oid } }, res) => {
      const coverage = await insights.coverage(tid, oid);
      res.json(coverage satisfies z.input<typeof coverageResponse>);
    }),
  );

  router.get(
    '/api/trends',
    route({}, async ({ user: { tid, oid } }, res) => {
      const trends = await insights.trends(tid, oid);
      res.json(trends satisfies z.input<typeof trendsResponse>);
    }),
  );

  router.get(
    '/api/snapshots',
    route({}, async ({ user: { tid, oid } }, res) => {
      const snapshots = await insights.snapshots(tid, oid);
      res.json({ snapshots } satisfies z.input<typeof snapshotsResponse>);
    }),
  );
  router.get(
    '/api/snapshots/:month',
    route({ params: monthParam }, async ({ user: { tid, oid }, params }, res) => {
      const snapshots = await insights.snapshotsOf(tid, oid, params.month);
      if (!snapshots.length)
        throw new HttpError(404, { title: 'No snapshot for that month', code: 'not_found' });
      res.json({ snapshots } satisfies z.input<typeof monthSnapshotsResponse>);
    }),
  );
  router.post(
    '/api/snapshots',
    route({ body: snapshotBody }, async ({ user: { tid, oid }, body }, res) => {
      const month = body.month ?? new Date().toISOString().slice(0, 7);
      const taken = await insights.snapshot(tid, oid, month);
      res.status(201).json(taken satisfies z.input<typeof snapshotTakenResponse>);
    }),
  );
  router.get(
    '/api/review',
    route({}, async ({ user: { tid, oid } }, res) => {
      const review = await insights.review(tid, oid);
      res.json(review satisfies z.input<typeof reviewResponse>);
    }),
  );

  router.get(
    '/api/export',
    route({ query: exportQuery }, async ({ user: { tid, oid }, query: { format } }, res) => {
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'csv') {
        const csv = await insights.exportCsv(tid, oid);
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="rapport-map-${stamp}.csv"`);
        res.send(csv);
        return;
      }
      const everything = await insights.exportEverything(tid, oid);
      res.setHeader('Content-Disposition', `attachment; filename="rapport-export-${stamp}.json"`);
      res.json(everything);
    }),
  );

  router.delete(
    '/api/me/data',
    route({}, async ({ user }, res) => {
      const deleted = await insights.deleteEverything(user.tid, user.oid);
      await deps.forgetTokens(user);
      res.json({ deleted } satisfies z.input<typeof deletedResponse>);
    }),
  );

  return router;
}
