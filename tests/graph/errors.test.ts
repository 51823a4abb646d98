import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client, GraphError, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentRequiredError, InteractionRequiredError } from '../../server/auth/errors';
import {
  classifyGraphError,
  classifyGraphResponse,
  describeGraphFailure,
  type GraphFailure,
  GraphFailureError,
  GraphTokenError,
  isRetryable,
} from '../../server/graph/errors';
import { createGraphClient } from '../../server/graph/client';

/**
 * The one Graph error policy, table-driven over real error bodies (the docs' examples and payloads
 * quoted in public issues). HTTP answers go through the real SDK, so the GraphErrors are the SDK's.
 */
const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/graph', name), 'utf8'));
const body = (code: string, message: string) => ({
  error: { code, message, innerError: { date: '2024-05-01T10:00:00', 'request-id': 'r' } },
});

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}
const answers = new Map<string, Answer>();
let server: http.Server;
let graph: Client;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const a = answers.get(req.url!.replace(/^\/v1\.0/, '')) ?? { status: 200, body: { value: [] } };
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // No retry handler: the SDK's own GraphError for the first answer is what is classified.
  graph = Client.initWithMiddleware({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    middleware: new HTTPMessageHandler(),
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** The GraphError the SDK throws for this answer. */
async function sdkError(a: Answer): Promise<unknown> {
  const p = `/case/${answers.size}`;
  answers.set(p, a);
  return graph
    .api(p)
    .get()
    .then(
      () => expect.fail('Graph answered 2xx'),
      (e: unknown) => e,
    );
}

type Expected = Partial<GraphFailure> & Pick<GraphFailure, 'code'>;
const HTTP_CASES: Array<[string, Answer, Expected]> = [
  [
    'docs: 429 with a fractional Retry-After',
    { status: 429, headers: { 'Retry-After': '2.128' }, body: fixture('throttling-429.response.json') },
    { code: 'throttled', graphCode: 'TooManyRequests', retryAfterMs: 2128 },
  ],
  [
    'Outlook: over its MailboxConcurrency limit, no Retry-After',
    { status: 429, body: fixture('throttling-429.mailboxconcurrency.response.json') },
    { code: 'throttled', graphCode: 'ApplicationThrottled', retryAfterMs: null },
  ],
  [
    '503 with Retry-After: throttling',
    {
      status: 503,
      headers: { 'Retry-After': '10' },
      body: body('ServiceNotAvailable', 'The service is temporarily unavailable.'),
    },
    { code: 'throttled', retryAfterMs: 10_000 },
  ],
  [
    '503 without Retry-After: transient',
    { status: 503, body: body('ServiceNotAvailable', 'The service is temporarily unavailable.') },
    { code: 'transient', retryAfterMs: null },
  ],
  [
    '504',
    { status: 504, body: body('GatewayTimeout', 'The gateway did not receive a timely response.') },
    { code: 'transient' },
  ],
  [
    '500',
    { status: 500, body: body('InternalServerError', 'An internal server error occurred.') },
    { code: 'transient' },
  ],
  [
    'delta token expired: 410 SyncStateNotFound (PascalCase on the wire)',
    { status: 410, body: fixture('delta-token-expired.syncstatenotfound.response.json') },
    { code: 'cursorExpired', graphCode: 'SyncStateNotFound' },
  ],
  [
    'resyncRequired in a 400',
    {
      status: 400,
      body: body(
        'resyncRequired',
        'The delta token is no longer valid, and the app must reset the sync state.',
      ),
    },
    { code: 'cursorExpired' },
  ],
  [
    'Outlook: 403 ErrorAccessDenied (a permission not granted)',
    { status: 403, body: body('ErrorAccessDenied', 'Access is denied. Check credentials and try again.') },
    { code: 'forbidden', reason: 'accessDenied' },
  ],
  [
    'directory: 403 Authorization_RequestDenied',
    {
      status: 403,
      body: body('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
    },
    { code: 'forbidden', reason: 'accessDenied' },
  ],
  [
    'inactive mailbox: 404 MailboxNotEnabledForRESTAPI',
    {
      status: 404,
      body: body(
        'MailboxNotEnabledForRESTAPI',
        'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
      ),
    },
    { code: 'forbidden', reason: 'mailboxUnavailable', graphCode: 'MailboxNotEnabledForRESTAPI' },
  ],
  [
    'no Exchange Online mailbox: REST API is not yet supported',
    {
      status: 404,
      body: body('MailboxNotEnabledForRESTAPI', 'REST API is not yet supported for this mailbox.'),
    },
    { code: 'forbidden', reason: 'mailboxUnavailable' },
  ],
  [
    'the top of the organisation has no manager: 404 Request_ResourceNotFound',
    {
      status: 404,
      body: body(
        'Request_ResourceNotFound',
        "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
      ),
    },
    { code: 'notFound' },
  ],
  [
    'an expired or revoked token: 401 InvalidAuthenticationToken',
    {
      status: 401,
      body: body('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'),
    },
    { code: 'forbidden', reason: 'signInRequired' },
  ],
  [
    'getSchedule with 101 schedules: 400',
    { status: 400, body: fixture('getschedule-too-many-schedules.error.json') },
    { code: 'badRequest', graphCode: 'ErrorMailboxDataArrayTooBig' },
  ],
  [
    'docs: the generic error shape (invalidRange, 416)',
    { status: 416, body: fixture('error-response.example.json') },
    { code: 'badRequest', graphCode: 'invalidRange' },
  ],
  [
    '501 is not worth retrying',
    { status: 501, body: body('NotImplemented', 'This feature is not implemented.') },
    { code: 'badRequest' },
  ],
];

describe('classifyGraphError: Graph answered', () => {
  it.each(HTTP_CASES)('%s', async (_name, answer, expected) => {
    const err = await sdkError(answer);
    expect(err).toBeInstanceOf(GraphError);
    expect(classifyGraphError(err)).toMatchObject({ status: answer.status, ...expected });
  });
});

describe('classifyGraphError: no answer, or no token', () => {
  it('a refused connection through the SDK is transient', async () => {
    const closed = Client.initWithMiddleware({
      baseUrl: 'http://127.0.0.1:1/',
      middleware: new HTTPMessageHandler(),
    });
    const err = await closed
      .api('/me')
      .get()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError); // GraphError(-1): only the name and message survive
    expect(classifyGraphError(err)).toMatchObject({ code: 'transient', status: null });
  });

  const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  const CASES: Array<[string, unknown, Expected]> = [
    ['ECONNRESET', reset, { code: 'transient', graphCode: 'ECONNRESET' }],
    [
      'ETIMEDOUT as the cause of a failed fetch',
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }),
      }),
      { code: 'transient', graphCode: 'ETIMEDOUT' },
    ],
    [
      'an aborted request',
      new DOMException('This operation was aborted', 'AbortError'),
      { code: 'transient' },
    ],
    [
      'a timed-out request',
      new DOMException('The operation timed out.', 'TimeoutError'),
      { code: 'transient' },
    ],
    [
      'consent withdrawn (Entra AADSTS65001)',
      new ConsentRequiredError(['https://graph.microsoft.com/Mail.ReadBasic']),
      { code: 'forbidden', reason: 'consentRequired', graphCode: 'consent_required' },
    ],
    [
      'Conditional Access wants the user back',
      new InteractionRequiredError(undefined),
      { code: 'forbidden', reason: 'signInRequired' },
    ],
    [
      'the database lost a deadlock',
      Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      { code: 'transient', graphCode: '40P01' },
    ],
    [
      'a unique violation is a bug, not bad luck',
      Object.assign(new Error('duplicate key'), { code: '23505' }),
      { code: 'unknown' },
    ],
    [
      'a programming error',
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      { code: 'unknown' },
    ],
    ['not even an Error', 'boom', { code: 'unknown' }],
  ];
  it.each(CASES)('%s', (_name, err, expected) => {
    expect(classifyGraphError(err)).toMatchObject(expected);
  });

  it('a token the provider could not get reaches the caller whole, through the SDK', async () => {
    const client = createGraphClient({
      baseUrl: 'https://graph.microsoft.com',
      getToken: async () => {
        throw new ConsentRequiredError(['https://graph.microsoft.com/Mail.ReadBasic']);
      },
    });
    const err = await client
      .api('/me')
      .get()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphTokenError);
    expect((err as GraphTokenError).cause).toBeInstanceOf(ConsentRequiredError);
    expect(classifyGraphError(err)).toMatchObject({ code: 'forbidden', reason: 'consentRequired' });
  });

  it('keeps a failure already classified', () => {
    const f = classifyGraphResponse({ status: 403, body: body('ErrorAccessDenied', 'Access is denied.') })!;
    expect(classifyGraphError(new GraphFailureError(f, 'organization 403'))).toBe(f);
  });
});

describe('classifyGraphResponse: $batch sub-responses', () => {
  const batch = fixture('json-batching.response.json') as {
    responses: Array<{ id: string; status: number; headers: Record<string, string>; body: unknown }>;
  };
  const sub = (id: string) => batch.responses.find((r) => r.id === id)!;

  it('reads the docs’ batch: successes are null, 403s forbidden, 405 a bad request', () => {
    expect(classifyGraphResponse(sub('1'))).toBeNull();
    expect(classifyGraphResponse(sub('2'))).toMatchObject({ code: 'forbidden', graphCode: null }); // code ""
    expect(classifyGraphResponse(sub('3'))).toMatchObject({
      code: 'forbidden',
      graphCode: 'Authorization_RequestDenied',
    });
    expect(classifyGraphResponse(sub('4'))).toMatchObject({ code: 'badRequest', status: 405 });
  });

  it('reads Retry-After from a throttled sub-response, whatever its case', () => {
    const f = classifyGraphResponse({
      status: 429,
      headers: { 'retry-after': '0.05' },
      body: fixture('throttling-429.response.json'),
    });
    expect(f).toMatchObject({ code: 'throttled', retryAfterMs: 50 });
    expect(isRetryable(f!)).toBe(true);
  });
});

it('describes a failure in a few words for logs and the sync status', () => {
  const denied = classifyGraphResponse({
    status: 403,
    body: body('ErrorAccessDenied', 'Access is denied.'),
  })!;
  expect(describeGraphFailure(denied)).toBe('ErrorAccessDenied (403)');
  expect(describeGraphFailure(classifyGraphResponse({ status: 503, body: null })!)).toBe('HTTP 503');
  expect(describeGraphFailure(classifyGraphError(new ConsentRequiredError([])))).toBe('consent_required');
  expect(isRetryable(denied)).toBe(false);
});
