import express, { type Request } from 'express';
import type { DirectoryUser } from '../model';
import type { GraphContext } from './context';
import { GraphError } from './errors';
import {
  baseUrl,
  decodeToken,
  encodeToken,
  evaluateFilter,
  param,
  parseFilter,
  parseSelect,
  parseTop,
  pick,
  queryOption,
} from './odata';

/** Directory routes: /me, /users, manager, directReports, /organization, mailboxSettings. */

const DEFAULT_USER = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];
const USER_PROPS = [
  ...DEFAULT_USER,
  'department',
  'accountEnabled',
  'userType',
  'proxyAddresses',
  'identities',
  'postalCode',
  'city',
  'country',
  'companyName',
  'employeeId',
  'usageLocation',
  'createdDateTime',
];

function graphUser(u: DirectoryUser, domain: string): Record<string, unknown> {
  return {
    businessPhones: u.businessPhones,
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: u.mobilePhone,
    officeLocation: u.officeLocation,
    preferredLanguage: u.preferredLanguage,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    id: u.id,
    department: u.department,
    accountEnabled: u.accountEnabled,
    userType: u.userType,
    proxyAddresses: u.proxyAddresses,
    identities: [{ signInType: 'userPrincipalName', issuer: domain, issuerAssignedId: u.userPrincipalName }],
    postalCode: null,
    city: u.officeLocation,
    country: null,
    companyName: u.userType === 'Member' ? 'Contoso' : null,
    employeeId: null,
    usageLocation: 'US',
    createdDateTime: '2020-01-06T17:00:00Z',
  };
}

function requireScope(ctx: { principal?: { scopes: string[]; roles: string[] } }, anyOf: string[]) {
  const have = new Set(
    [...(ctx.principal?.scopes ?? []), ...(ctx.principal?.roles ?? [])].map((s) => s.toLowerCase()),
  );
  if (!anyOf.some((s) => have.has(s.toLowerCase()))) {
    throw new GraphError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
  }
}
const DIRECTORY_READ = ['User.Read.All', 'User.ReadBasic.All', 'User.ReadWrite.All', 'Directory.Read.All'];

export function createDirectoryRouter(ctx: GraphContext): express.Router {
  const router = express.Router();
  // Identity requests cost resource units (FACTS.md §3): GET users 2, $select −1, $expand +1, never below 1.
  router.use((req, res, next) => {
    if (/^\/(me|users|organization)(\/|$)/.test(req.path) && !/mailboxSettings/i.test(req.path)) {
      const base = req.path === '/users' ? 2 : 1;
      const cost = Math.max(
        1,
        base - (queryOption(req, 'select') ? 1 : 0) + (queryOption(req, 'expand') ? 1 : 0),
      );
      res.setHeader('x-ms-resource-unit', String(cost));
    }
    next();
  });
  const domain = ctx.data.org.verifiedDomains.find((d) => d.isDefault)?.name ?? 'example.com';
  const byId = new Map(ctx.data.users.map((u) => [u.id, u]));
  const contextUrl = (req: Request, path: string, fields: string[] | null, entity: boolean) =>
    `${baseUrl(req).replace('/v1.0', '')}/v1.0/$metadata#${path}${fields ? `(${fields.join(',')})` : ''}${entity ? '/$entity' : ''}`;

  const target = (req: Request, param?: string): DirectoryUser => {
    const principal = req.res!.locals.principal!;
    const key = param ?? 'me';
    if (key !== 'me') requireScope({ principal }, [...DIRECTORY_READ, 'User.Read']);
    const u = ctx.resolveUser(key, principal);
    if (!u)
      throw new GraphError(
        404,
        'Request_ResourceNotFound',
        `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
      );
    if (key !== 'me' && u.id !== principal.oid) requireScope({ principal }, DIRECTORY_READ);
    return u;
  };

  function managerChain(
    u: DirectoryUser,
    levels: number,
    fields: string[] | null,
  ): Record<string, unknown> | undefined {
    const m = u.managerId ? byId.get(u.managerId) : undefined;
    if (!m || levels <= 0) return undefined;
    const out: Record<string, unknown> = {
      '@odata.type': '#microsoft.graph.user',
      ...pick(graphUser(m, domain), fields ?? DEFAULT_USER),
    };
    const up = managerChain(m, levels - 1, fields);
    if (up) out.manager = up;
    return out;
  }

  function expandManager(req: Request, u: DirectoryUser, body: Record<string, unknown>, query?: Request) {
    const expand = queryOption(query ?? req, 'expand');
    if (!expand) return;
    const m = /^manager(?:\((.*)\))?$/i.exec(expand.trim());
    if (!m)
      throw new GraphError(
        400,
        'BadRequest',
        `Parsing OData Select and Expand failed: Could not find a property named '${expand}' on type 'microsoft.graph.user'.`,
      );
    const inner = Object.fromEntries(
      (m[1] ?? '')
        .split(';')
        .filter(Boolean)
        .map((kv) => kv.split('=').map((s) => s.trim()) as [string, string]),
    );
    const levelsRaw = inner.$levels;
    if (levelsRaw && req.header('ConsistencyLevel')?.toLowerCase() !== 'eventual') {
      throw new GraphError(
        400,
        'Request_UnsupportedQuery',
        "$levels is only supported with the ConsistencyLevel header set to 'eventual'.",
      );
    }
    const levels = levelsRaw === 'max' ? 100 : levelsRaw ? Number(levelsRaw) : 1;
    const fields = inner.$select ? inner.$select.split(',').map((s) => s.trim()) : null;
    const chain = managerChain(u, levels, fields);
    if (chain) body.manager = chain;
  }

  const single = (path: (u: DirectoryUser) => string) => (req: Request, res: express.Response) => {
    const u = target(req, param(req, 'id'));
    const fields = parseSelect(req, USER_PROPS, 'user');
    const body: Record<string, unknown> = {
      '@odata.context': contextUrl(req, path(u), fields, true),
      ...pick(graphUser(u, domain), fields ?? DEFAULT_USER, fields ? [] : ['id']),
    };
    expandManager(req, u, body);
    res.json(body);
  };
  router.get(
    '/me',
    single(() => 'users'),
  );
  router.get(
    '/users/:id',
    single(() => 'users'),
  );

  const manager = (req: Request, res: express.Response) => {
    const u = target(req, param(req, 'id'));
    const m = u.managerId ? byId.get(u.managerId) : undefined;
    if (!m)
      throw new GraphError(
        404,
        'Request_ResourceNotFound',
        `Resource 'manager' does not exist or one of its queried reference-property objects are not present.`,
      );
    const fields = parseSelect(req, USER_PROPS, 'user');
    res.json({
      '@odata.context': contextUrl(req, 'directoryObjects', null, true),
      '@odata.type': '#microsoft.graph.user',
      ...pick(graphUser(m, domain), fields ?? DEFAULT_USER),
    });
  };
  router.get('/me/manager', manager);
  router.get('/users/:id/manager', manager);

  const reports = (req: Request, res: express.Response) => {
    const u = target(req, param(req, 'id'));
    const fields = parseSelect(req, USER_PROPS, 'user');
    const value = ctx.data.users
      .filter((x) => x.managerId === u.id)
      .map((x) => ({
        '@odata.type': '#microsoft.graph.user',
        ...pick(graphUser(x, domain), fields ?? DEFAULT_USER),
      }));
    res.json({ '@odata.context': contextUrl(req, 'directoryObjects', null, false), value });
  };
  router.get('/me/directReports', reports);
  router.get('/users/:id/directReports', reports);

  router.get('/users', (req, res) => {
    requireScope(res.locals, DIRECTORY_READ);
    const eventual = req.header('ConsistencyLevel')?.toLowerCase() === 'eventual';
    const skip = queryOption(req, 'skiptoken');
    const state = skip ? decodeToken<{ q: Record<string, string>; offset: number }>(skip) : null;
    // A continuation replays the original query; the token carries it (headers must be re-sent).
    const q =
      state?.q ??
      (Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string')) as Record<
        string,
        string
      >);
    const fakeReq = { query: q } as unknown as Request;
    const fields = parseSelect(fakeReq, USER_PROPS, 'user');
    const top = parseTop(fakeReq, 999) ?? 100;
    const count = (queryOption(fakeReq, 'count') ?? 'false').toLowerCase() === 'true';
    const filterSrc = queryOption(fakeReq, 'filter');
    const orderby = queryOption(fakeReq, 'orderby');
    const search = queryOption(fakeReq, 'search');
    let list = ctx.data.users.map((u) => graphUser(u, domain));
    if (filterSrc) {
      const { node, advanced } = parseFilter(filterSrc);
      if (advanced && !(eventual && count)) {
        throw new GraphError(
          400,
          'Request_UnsupportedQuery',
          "Unsupported or invalid query filter clause specified for property 'endsWith' of resource 'User'. Advanced queries need ConsistencyLevel: eventual and $count=true.",
        );
      }
      list = list.filter((u) => evaluateFilter(node, u, USER_PROPS));
    }
    if (search) {
      if (!eventual)
        throw new GraphError(
          400,
          'Request_UnsupportedQuery',
          "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
        );
      const terms = [...search.matchAll(/"?(\w+):([^"]+)"?/g)].map(
        (m) => [m[1]!, m[2]!.toLowerCase()] as const,
      );
      list = list.filter((u) =>
        terms.every(([p, v]) =>
          String(u[p] ?? '')
            .toLowerCase()
            .includes(v),
        ),
      );
    }
    if (count && !eventual)
      throw new GraphError(
        400,
        'Request_UnsupportedQuery',
        "$count is only supported with the ConsistencyLevel header set to 'eventual'.",
      );
    if (orderby) {
      const [prop, dir] = orderby.split(/\s+/);
      if (!['displayName', 'userPrincipalName'].includes(prop ?? ''))
        throw new GraphError(400, 'Request_UnsupportedQuery', `Sorting not supported for '${prop}'.`);
      if (prop === 'userPrincipalName' && !eventual)
        throw new GraphError(
          400,
          'Request_UnsupportedQuery',
          'Sorting by userPrincipalName requires ConsistencyLevel: eventual.',
        );
      list.sort(
        (a, b) => String(a[prop!]).localeCompare(String(b[prop!])) * (dir?.toLowerCase() === 'desc' ? -1 : 1),
      );
    }
    const offset = state?.offset ?? 0;
    const page = list.slice(offset, offset + top);
    const body: Record<string, unknown> = { '@odata.context': contextUrl(req, 'users', fields, false) };
    if (count) body['@odata.count'] = list.length;
    if (offset + top < list.length)
      body['@odata.nextLink'] =
        `${baseUrl(req)}/users?$skiptoken=${encodeToken({ q, offset: offset + top })}`;
    body.value = page.map((u) => {
      const item = pick(u, fields ?? DEFAULT_USER, fields ? [] : ['id']);
      const full = byId.get(String(u.id));
      if (full) expandManager(req, full, item, fakeReq); // $expand=manager on a list, as Graph allows
      return item;
    });
    res.json(body);
  });

  const org = (req: Request, res: express.Response) => {
    const o = ctx.data.org;
    const full = {
      id: o.id,
      deletedDateTime: null,
      businessPhones: ['425-555-0100'],
      city: 'Redmond',
      country: null,
      countryLetterCode: 'US',
      createdDateTime: '2020-01-06T17:00:00Z',
      defaultUsageLocation: 'US',
      displayName: o.displayName,
      isMultipleDataLocationsForServicesEnabled: null,
      marketingNotificationEmails: [],
      onPremisesLastSyncDateTime: null,
      onPremisesSyncEnabled: null,
      partnerTenantType: null,
      postalCode: '98052',
      preferredLanguage: 'en',
      securityComplianceNotificationMails: [],
      securityComplianceNotificationPhones: [],
      state: 'WA',
      street: '1 Contoso Way',
      technicalNotificationMails: [`admin@${domain}`],
      tenantType: 'AAD',
      directorySizeQuota: { used: ctx.data.users.length, total: 300000 },
      assignedPlans: [],
      privacyProfile: null,
      provisionedPlans: [],
      verifiedDomains: o.verifiedDomains,
    };
    const fields = parseSelect(req, Object.keys(full), 'organization');
    const orgId = param(req, 'id');
    if (orgId && orgId !== o.id)
      throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${orgId}' does not exist.`);
    const item = pick(full, fields, fields ? [] : ['id']);
    if (orgId) res.json({ '@odata.context': contextUrl(req, 'organization', fields, true), ...item });
    else res.json({ '@odata.context': contextUrl(req, 'organization', fields, false), value: [item] });
  };
  router.get('/organization', org);
  router.get('/organization/:id', org);

  const settings = (req: Request, res: express.Response) => {
    const principal = res.locals.principal!;
    const u = target(req, param(req, 'id'));
    if (u.id !== principal.oid)
      throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    requireScope(res.locals, ['MailboxSettings.Read', 'MailboxSettings.ReadWrite']);
    const s = u.mailboxSettings;
    const full: Record<string, unknown> = {
      archiveFolder: 'AAMkAGI2TGuLAAA=',
      timeZone: s.timeZone,
      automaticRepliesSetting: {
        status: 'disabled',
        externalAudience: 'all',
        scheduledStartDateTime: { dateTime: '2026-01-01T08:00:00.0000000', timeZone: 'UTC' },
        scheduledEndDateTime: { dateTime: '2026-01-02T08:00:00.0000000', timeZone: 'UTC' },
        internalReplyMessage: '',
        externalReplyMessage: '',
      },
      language: s.language,
      workingHours: s.workingHours,
      dateFormat: s.dateFormat,
      timeFormat: s.timeFormat,
      delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
      userPurpose: { value: s.userPurpose },
    };
    const sub = param(req, 'setting');
    const who = param(req, 'id') ? `users('${u.id}')` : 'Me';
    if (sub) {
      const key = Object.keys(full).find((k) => k.toLowerCase() === sub.toLowerCase());
      if (!key) throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${sub}'.`);
      const value = full[key];
      res.json(
        typeof value === 'object' && value !== null
          ? { '@odata.context': contextUrl(req, `${who}/mailboxSettings/${key}`, null, false), ...value }
          : { '@odata.context': contextUrl(req, `${who}/mailboxSettings/${key}`, null, false), value },
      );
      return;
    }
    const fields = parseSelect(req, Object.keys(full), 'mailboxSettings');
    res.json({
      '@odata.context': contextUrl(req, `${who}/mailboxSettings`, fields, false),
      ...pick(full, fields, []),
    });
  };
  router.get('/me/mailboxSettings', settings);
  router.get('/me/mailboxSettings/:setting', settings);
  router.get('/users/:id/mailboxSettings', settings);
  router.get('/users/:id/mailboxSettings/:setting', settings);
  return router;
}
