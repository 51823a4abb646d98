import type { Client } from '@microsoft/microsoft-graph-client';
import express, { type RequestHandler } from 'express';
import type { z } from 'zod';
import type {
  bringResponse,
  meetingBringResponse,
  personSuggestionResponse,
  sendResponse,
  slotsResponse,
  suggestionsResponse,
} from '../../../contract';
import type { AuthenticatedUser } from '../../auth/types';
import { HttpError } from '../../http/problem';
import { route } from '../../http/route';
import { SuggestionRefusal, type SuggestionsService } from '../../suggestions/service';
import {
  addressParam,
  dismissBody,
  emptyBody,
  meetingBody,
  sendBody,
  snoozeBody,
  suggestionParam,
} from './schemas';

/**
 * The suggestions API: this week's proposals, sending one (after a preview the tab shows), another
 * time, snooze and dismiss, a suggestion for one person on demand, and bringing a colleague to a
 * meeting with customers. Every route acts for the token's user; Graph calls are made as them.
 */
export function suggestionsRouter(deps: {
  suggestions: SuggestionsService;
  requireUser: RequestHandler;
  graphFor: (user: AuthenticatedUser) => Promise<Client>;
}): express.Router {
  const router = express.Router();
  const { suggestions } = deps;
  router.use('/api/suggestions', deps.requireUser, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  /** A refusal becomes the API's problem: 404 for what is not there, 409 for a rule that holds. */
  const answer = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof SuggestionRefusal)) throw err;
      const notThere = err.code === 'not_found' || err.code === 'not_suggestable';
      throw new HttpError(notThere ? 404 : 409, {
        title: notThere ? 'No such suggestion' : 'Not sent',
        detail: err.message,
        code: err.code,
      });
    }
  };

  router.get(
    '/api/suggestions',
    route({}, async ({ user }, res) => {
      const body = await suggestions.view(user.tid, user.oid, () => deps.graphFor(user));
      res.json(body satisfies z.input<typeof suggestionsResponse>);
    }),
  );
  router.post(
    '/api/suggestions/refresh',
    route({ body: emptyBody }, async ({ user }, res) => {
      const body = await suggestions.view(user.tid, user.oid, () => deps.graphFor(user), { refresh: true });
      res.json(body satisfies z.input<typeof suggestionsResponse>);
    }),
  );
  router.post(
    '/api/suggestions/for/:address',
    route({ params: addressParam, body: emptyBody }, async ({ user, params }, res) => {
      const suggestion = await answer(async () =>
        suggestions.forPerson(user.tid, user.oid, await deps.graphFor(user), params.address),
      );
      res.json({ suggestion } satisfies z.input<typeof personSuggestionResponse>);
    }),
  );
  router.post(
    '/api/suggestions/bring-for-meeting',
    route({ body: meetingBody }, async ({ user, body }, res) => {
      const colleagues = await suggestions.bringForMeeting(
        user.tid,
        user.oid,
        await deps.graphFor(user),
        body,
      );
      res.json({ colleagues } satisfies z.input<typeof meetingBringResponse>);
    }),
  );
  router.post(
    '/api/suggestions/bring/:id/add',
    route({ params: suggestionParam, body: emptyBody }, async ({ user, params }, res) => {
      const bring = await answer(async () =>
        suggestions.bring(user.tid, user.oid, await deps.graphFor(user), params.id),
      );
      res.json({ bring } satisfies z.input<typeof bringResponse>);
    }),
  );
  router.post(
    '/api/suggestions/:id/send',
    route({ params: suggestionParam, body: sendBody }, async ({ user, params, body }, res) => {
      const sent = await answer(async () =>
        suggestions.send(user.tid, user.oid, await deps.graphFor(user), params.id, body.start),
      );
      res.status(201).json(sent satisfies z.input<typeof sendResponse>);
    }),
  );
  router.post(
    '/api/suggestions/:id/another',
    route({ params: suggestionParam, body: emptyBody }, async ({ user, params }, res) => {
      const suggestion = await answer(async () =>
        suggestions.another(user.tid, user.oid, await deps.graphFor(user), params.id),
      );
      res.json({ suggestion } satisfies z.input<typeof slotsResponse>);
    }),
  );
  router.post(
    '/api/suggestions/:id/snooze',
    route({ params: suggestionParam, body: snoozeBody }, async ({ user, params, body }, res) => {
      await answer(() => suggestions.snooze(user.tid, user.oid, params.id, body.days, body.scope));
      res.status(204).end();
    }),
  );
  router.post(
    '/api/suggestions/:id/dismiss',
    route({ params: suggestionParam, body: dismissBody }, async ({ user, params, body }, res) => {
      await answer(() => suggestions.dismiss(user.tid, user.oid, params.id, body.scope));
      res.status(204).end();
    }),
  );
  return router;
}
