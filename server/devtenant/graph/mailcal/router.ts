import express from 'express';
import type { MailboxStore } from '../../mailbox/store';
import type { GraphContext } from '../context';
import { createCalendarViewRouter } from './calendarView';
import { createEventsRouter } from './events';
import { createMessagesRouter } from './messages';
import { createSchedulingRouter } from './scheduling';

/**
 * Mail and calendar for `/me/...` and `/users/{id}/...`: calendarView (+ delta), events (create,
 * update, cancel, delete), message lists and per-folder message delta, getSchedule and
 * findMeetingTimes — with Graph's paging, Prefer headers, scopes and errors. One sub-router per
 * resource, mounted in the order their routes were always matched.
 */
export function createMailCalendarRouter(ctx: GraphContext, store: MailboxStore): express.Router {
  const router = express.Router();
  router.use(createCalendarViewRouter(ctx, store));
  router.use(createEventsRouter(ctx, store));
  router.use(createMessagesRouter(ctx, store));
  router.use(createSchedulingRouter(ctx, store));
  return router;
}
