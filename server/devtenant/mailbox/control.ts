import { randomUUID } from 'node:crypto';
import express from 'express';
import { z } from 'zod';
import type { MailFolderName } from '../model';
import { isStream, type MailboxStore } from './store';

/** Test and demo controls for mailboxes: new mail arrives, items disappear, tokens expire, answers come. */
const address = z.object({ name: z.string().default(''), address: z.string().min(3) });
const newMessage = z.object({
  userId: z.string(),
  folder: z.enum(['inbox', 'sentitems', 'archive', 'deleteditems']).default('inbox'),
  subject: z.string().default(''),
  from: address,
  to: z.array(address).default([]),
  cc: z.array(address).default([]),
  sentDateTime: z.string().optional(),
  conversationId: z.string().optional(),
});

const transition = z.object({
  time: z.string().regex(/^\d\d:\d\d(:\d\d(\.\d+)?)?$/),
  dayOccurrence: z.number().int().min(1).max(5),
  dayOfWeek: z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']),
  month: z.number().int().min(0).max(12),
  year: z.number().int().min(0).default(0),
});
/** Graph's workingHours, with a named zone or a customTimeZone (resources/workinghours.md). */
const workingHours = z.object({
  daysOfWeek: z
    .array(z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']))
    .min(1),
  startTime: z.string().regex(/^\d\d:\d\d:\d\d(\.\d+)?$/),
  endTime: z.string().regex(/^\d\d:\d\d:\d\d(\.\d+)?$/),
  timeZone: z.union([
    z.object({
      '@odata.type': z.literal('#microsoft.graph.customTimeZone'),
      bias: z.number().int(),
      name: z.string().default('Customized Time Zone'),
      standardOffset: transition,
      daylightOffset: transition.extend({ daylightBias: z.number().int() }),
    }),
    z.object({ name: z.string().min(1) }).strict(),
  ]),
});
const instant = z.string().refine((v) => /[zZ]$|[+-]\d\d:\d\d$/.test(v) && !Number.isNaN(Date.parse(v)), {
  message: 'an ISO instant with Z or an offset',
});
const answer = z.object({
  response: z.enum(['accepted', 'tentativelyAccepted', 'declined']),
  proposedNewTime: z.object({ start: instant, end: instant }).optional(),
  sendResponse: z.boolean().default(true),
});
const policy = z.object({
  response: z.enum(['accepted', 'tentativelyAccepted', 'declined', 'none']),
  delayMs: z.number().int().min(0).optional(),
  proposeShiftMinutes: z.number().int().optional(),
});

export function createMailboxControlRouter(store: MailboxStore): express.Router {
  const router = express.Router();
  router.post('/messages', (req, res) => {
    const m = newMessage.parse(req.body);
    const sent = m.sentDateTime ?? store.clock().toISOString();
    const uid = randomUUID();
    const item = store.addMessage(m.userId, {
      folder: m.folder as MailFolderName,
      isRead: false,
      message: {
        uid,
        internetMessageId: `<${uid}@devtenant>`,
        conversationId: m.conversationId ?? randomUUID(),
        subject: m.subject,
        from: { emailAddress: m.from },
        sender: { emailAddress: m.from },
        toRecipients: m.to.map((emailAddress) => ({ emailAddress })),
        ccRecipients: m.cc.map((emailAddress) => ({ emailAddress })),
        bccRecipients: [],
        replyTo: [],
        sentDateTime: sent,
        receivedDateTime: sent,
        hasAttachments: false,
        importance: 'normal',
        isDraft: false,
      },
    });
    res.status(201).json({ id: item.graphId });
  });
  router.delete('/:userId/messages/:id', (req, res) => {
    res.status(store.deleteMessage(req.params.userId, req.params.id) ? 204 : 404).end();
  });
  router.post('/:userId/messages/:id/move', (req, res) => {
    const { folder } = z
      .object({ folder: z.enum(['inbox', 'sentitems', 'archive', 'deleteditems']) })
      .parse(req.body);
    res.status(store.moveMessage(req.params.userId, req.params.id, folder) ? 204 : 404).end();
  });
  router.post('/:userId/messages/:id/read', (req, res) => {
    const { isRead } = z.object({ isRead: z.boolean().default(true) }).parse(req.body ?? {});
    res.status(store.markRead(req.params.userId, req.params.id, isRead) ? 204 : 404).end();
  });
  // A mailbox's calendar as the dev tenant holds it, by address (tests of the real demo read what
  // an invite left on a colleague's calendar: subject, time, organiser, attendees and answers).
  router.get('/calendar', (req, res) => {
    const address = z.string().email().parse(req.query.address);
    const user = store.userByAddress(address);
    if (!user) return void res.status(404).json({ error: 'no such user' });
    res.json({
      userId: user.id,
      value: store
        .calendar(user.id)
        .filter((i) => !i.deleted)
        .map((i) => ({
          id: i.graphId,
          subject: i.event.subject,
          start: i.event.start,
          end: i.event.end,
          organizer: i.event.organizer,
          attendees: i.event.attendees,
          categories: i.categories ?? [],
          response: i.response.response,
        })),
    });
  });
  router.get('/pending-responses', (_req, res) => {
    res.json({ value: store.scheduledResponses() });
  });
  router.delete('/:userId/events/:id', (req, res) => {
    res.status(store.deleteEvent(req.params.userId, req.params.id) ? 204 : 404).end();
  });
  router.post('/expire-delta-tokens', (req, res) => {
    const b = z
      .object({ userId: z.string().optional(), stream: z.string().refine(isStream).optional() })
      .parse(req.body ?? {});
    store.expireDeltaTokens(b.userId, b.stream && isStream(b.stream) ? b.stream : undefined);
    res.status(204).end();
  });
  // A mailbox's working hours, e.g. in a custom time zone (getSchedule and mailboxSettings serve them).
  router.put('/:userId/working-hours', (req, res) => {
    store.setWorkingHours(req.params.userId, workingHours.parse(req.body));
    res.status(204).end();
  });
  // `userId` answers the meeting `eventId` (any copy's Graph id, or its iCalUId) now.
  router.post('/:userId/events/:eventId/respond', (req, res) => {
    const a = answer.parse(req.body);
    const proposed = a.proposedNewTime && {
      start: new Date(a.proposedNewTime.start).toISOString(),
      end: new Date(a.proposedNewTime.end).toISOString(),
    };
    const ok = store.respondAs(req.params.userId, req.params.eventId, a.response, {
      ...(proposed ? { proposedNewTime: proposed } : {}),
      sendResponse: a.sendResponse,
    });
    res.status(ok ? 204 : 404).end();
  });
  // How `userId` answers invitations from now on; DELETE returns them to the seeded roll.
  router.put('/:userId/answer-policy', (req, res) => {
    store.setAnswerPolicy(req.params.userId, policy.parse(req.body));
    res.status(204).end();
  });
  router.delete('/:userId/answer-policy', (req, res) => {
    store.setAnswerPolicy(req.params.userId, null);
    res.status(204).end();
  });
  router.post('/deliver-responses', (_req, res) => {
    res.json({ delivered: store.deliverDueResponses(Number.POSITIVE_INFINITY) });
  });
  router.use(((err, _req, res, _next) => {
    res.status(400).json({ error: err instanceof Error ? err.message : String(err) });
  }) as express.ErrorRequestHandler);
  return router;
}
