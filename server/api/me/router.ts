import type { Client } from '@microsoft/microsoft-graph-client';
import express, { type RequestHandler } from 'express';
import type { MeResponse } from '../../../contract';
import type { AuthenticatedUser } from '../../auth/types';
import { classifyGraphError } from '../../graph/errors';
import { type GraphUser, graphOrganizationSchema, graphPage, graphUserSchema } from '../../graph/schemas';
import { departmentMembersUrl, managerUrl, meUrl, organizationUrl } from '../../graph/urls';
import { route } from '../../http/route';

/**
 * GET /api/me — the first slice through everything: who you are, your manager chain and your
 * department, read from Graph on your behalf (OBO). Graph's answers are validated here, at the
 * boundary, so a surprise in Graph's data becomes a clear 502 rather than a broken page.
 */

const graphUserPage = graphPage(graphUserSchema);
const organizationPage = graphPage(graphOrganizationSchema);

/** Deep hierarchies exist, but a chain longer than this is a data loop, not an org chart. */
const MAX_CHAIN = 15;
const MAX_MEMBERS = 200;

const person = (u: GraphUser) => ({
  id: u.id,
  displayName: u.displayName ?? u.mail ?? u.userPrincipalName ?? u.id,
  jobTitle: u.jobTitle ?? null,
  department: u.department ?? null,
  mail: u.mail ?? u.userPrincipalName ?? null,
});

/** Walks up the manager chain one level at a time (works on every Graph cloud and tenant size). */
async function managerChain(client: Client, userId: string): Promise<GraphUser[]> {
  const chain: GraphUser[] = [];
  const seen = new Set([userId]);
  let current = userId;
  while (chain.length < MAX_CHAIN) {
    let manager: GraphUser;
    try {
      manager = graphUserSchema.parse(await client.api(managerUrl(current)).get());
    } catch (err) {
      if (classifyGraphError(err).code === 'notFound') break; // the top of the organisation has no manager
      throw err;
    }
    if (seen.has(manager.id)) break;
    seen.add(manager.id);
    chain.push(manager);
    current = manager.id;
  }
  return chain;
}

async function departmentMembers(client: Client, department: string): Promise<GraphUser[]> {
  const members: GraphUser[] = [];
  let page = graphUserPage.parse(await client.api(departmentMembersUrl(department)).get());
  for (;;) {
    members.push(...page.value);
    const next = page['@odata.nextLink'];
    if (!next || members.length >= MAX_MEMBERS) break;
    page = graphUserPage.parse(await client.api(next).get());
  }
  return members.slice(0, MAX_MEMBERS);
}

export function meRouter(deps: {
  requireUser: RequestHandler;
  /** A Graph client for the user; resolves only once a token is in hand, so consent errors surface here. */
  graphFor: (user: AuthenticatedUser) => Promise<Client>;
  onSeen?: (user: AuthenticatedUser, profile: { displayName: string; upn: string | null }) => Promise<void>;
}): express.Router {
  const router = express.Router();
  const meRoute = route({}, async ({ user }, res) => {
    const client = await deps.graphFor(user);
    const [meRaw, orgRaw] = await Promise.all([
      client.api(meUrl()).get(),
      client.api(organizationUrl()).get(),
    ]);
    const me = graphUserSchema.parse(meRaw);
    const org = organizationPage.parse(orgRaw).value[0];
    const [chain, members] = await Promise.all([
      managerChain(client, me.id),
      me.department ? departmentMembers(client, me.department) : Promise.resolve([]),
    ]);
    const body: MeResponse = {
      tenant: { id: org?.id ?? user.tid, displayName: org?.displayName ?? '' },
      user: { ...person(me), officeLocation: me.officeLocation ?? null },
      managerChain: chain.map(person),
      department: {
        name: me.department ?? null,
        members: members
          .filter((m) => m.id !== me.id)
          .map((m) => {
            const p = person(m);
            return { id: p.id, displayName: p.displayName, jobTitle: p.jobTitle, mail: p.mail };
          }),
      },
    };
    await deps.onSeen?.(user, { displayName: body.user.displayName, upn: me.userPrincipalName ?? null });
    res.json(body);
  });
  router.get('/api/me', deps.requireUser, meRoute);
  return router;
}
