import fs from 'node:fs';
import express, { type ErrorRequestHandler } from 'express';
import { MailboxStore } from '../../../../server/devtenant/mailbox/store';
import type { GraphContext } from '../../../../server/devtenant/graph/context';
import { GraphError, sendGraphError } from '../../../../server/devtenant/graph/errors';
import { createMailCalendarRouter } from '../../../../server/devtenant/graph/mailcal/router';
import type { GraphPrincipal } from '../../../../server/devtenant/principal';
import { ADA, NOW, smallTenant } from '../../mailbox/smallTenant';

export const READ_SCOPES = ['User.Read', 'Mail.ReadBasic', 'Calendars.ReadWrite'];

/**
 * The mail/calendar router over the small tenant, at /v1.0, behind a stub principal: the header
 * `x-test-user` picks the signed-in user (Ada by default), `x-test-scopes` the delegated scopes.
 */
export function mailcalApp() {
  const data = smallTenant();
  let now = NOW.getTime();
  const clock = () => new Date(now);
  const store = new MailboxStore(data, clock, { seed: 'tests' });
  const ctx: GraphContext = {
    data,
    clock,
    resolveUser: (key, principal) => {
      const k = (key === 'me' ? principal.oid : decodeURIComponent(key)).toLowerCase();
      return data.users.find((u) =>
        [u.id, u.userPrincipalName, u.mail ?? ''].some((x) => x.toLowerCase() === k),
      );
    },
  };
  const app = express();
  app.use('/v1.0', (req, res, next) => {
    const principal: GraphPrincipal = {
      tid: data.org.id,
      oid: req.header('x-test-user') ?? ADA.id,
      scopes: (req.header('x-test-scopes') ?? READ_SCOPES.join(' ')).split(' ').filter(Boolean),
      roles: [],
      appId: 'test-app',
    };
    res.locals.principal = principal;
    next();
  });
  app.use('/v1.0', createMailCalendarRouter(ctx, store));
  app.use(((err, _req, res, _next) => {
    if (err instanceof GraphError) return sendGraphError(res, err);
    sendGraphError(res, new GraphError(500, 'InternalServerError', String(err)));
  }) as ErrorRequestHandler);
  return { app, store, data, advance: (ms: number) => (now += ms) };
}

export const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(new URL(`../../../fixtures/graph/mailcal/${name}`, import.meta.url), 'utf8'));

/** The path and query of an absolute nextLink/deltaLink, for supertest. */
export const pathOf = (link: string) => {
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
};
