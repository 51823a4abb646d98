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
  router.post('/deliver-responses', (_req, res) => {
    res.json({ delivered: store.deliverDueResponses(Number.POSITIVE_INFINITY) });
  });
  router.use(((err, _req, res, _next) => {
    res.status(400).json({ error: err instanceof Error ? err.message : String(err) });
  }) as express.ErrorRequestHandler);
  return router;
}
