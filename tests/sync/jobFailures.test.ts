import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGraphTokenProvider, MemoryTokenCacheStore } from '../../server/auth/graphTokens';
import { createTokenValidator } from '../../server/auth/tokenValidator';
import type { AuthenticatedUser } from '../../server/auth/types';
import { RAPPORT_GRAPH_SCOPES } from '../../server/devtenant/server';
import { createGraphClient } from '../../server/graph/client';
import { createLogger } from '../../server/logger';
import { startSyncJobs, type SyncJobs } from '../../server/sync/jobs';
import { syncStatus } from '../../server/sync/userSync';
import { describeEachDatabase } from '../helpers/databases';
import { graphAs, startTestTenant } from '../helpers/devtenant';

/**
 * What a sync job does with each kind of Graph failure, over the real path: pg-boss, the Graph SDK,
 * MSAL and the dev tenant. Forbidden ends the job at once and says why; throttled and transient
 * failures are retried.
 */
let tenant: Awaited<ReturnType<typeof startTestTenant>>;
beforeAll(async () => {
  tenant = await startTestTenant({ people: 40 });
});
afterAll(() => tenant.stop());

const SCOPES = RAPPORT_GRAPH_SCOPES.filter((s) => /^[A-Z]/.test(s)).map(
  (s) => `https://graph.microsoft.com/${s}`,
);
const signedIn = async (oid: string): Promise<AuthenticatedUser> =>
  createTokenValidator({
    authorityHost: tenant.origin,
    audiences: [tenant.app.clientId],
    allowedTenants: [tenant.tenantId],
    requiredScope: 'access_as_user',
  }).validate(await tenant.identity.issueApiToken(oid));

/**
 * Graph as the server's background work reaches it, with a token from Entra on every run (MSAL, a
 * cache of its own): withdrawn consent shows the way it does when a cached token is refreshed.
 */
async function graphThroughEntra(oid: string) {
  const tokens = createGraphTokenProvider({
    clientId: tenant.app.clientId,
    clientSecret: tenant.app.clientSecret,
    authorityHost: tenant.origin,
    tenantId: tenant.tenantId,
    cache: new MemoryTokenCacheStore(),
    encryptionKey: Buffer.alloc(32, 3),
  });
  const user = await signedIn(oid);
  return createGraphClient({ baseUrl: tenant.origin, getToken: () => tokens.onBehalfOf(user, SCOPES) });
}

const restoreConsent = (userId: string) =>
  fetch(`${tenant.origin}/_devtenant/identity/restore-consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });

describeEachDatabase('sync jobs and Graph failures', (database) => {
  let jobs: SyncJobs;
  beforeAll(async () => {
    jobs = await startSyncJobs({
      pool: database().pool,
      db: database().db,
      logger: createLogger({ level: 'silent' }),
      graphFor: async (_tid, oid) =>
        oid === tenant.data.users[10]!.id ? graphThroughEntra(oid) : graphAs(tenant, oid),
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 1,
      sweepEveryMinutes: 0,
    });
  });
  afterAll(() => jobs.stop());
  afterAll(() => tenant.faults.reset());

  /** Queues a sync of the user and waits until its job has finished, retries included. */
  async function syncJob(oid: string) {
    const id = await jobs.enqueue(tenant.tenantId, oid);
    expect(id).not.toBeNull();
    for (let i = 0; i < 120; i++) {
      const j = await jobs.job(id!);
      if (j && (j.state === 'completed' || j.state === 'failed')) return j;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the sync job did not finish');
  }
  const status = (oid: string) => syncStatus(database().db, tenant.tenantId, oid);

  it('consent withdrawn: the job ends at once, not retried, and the status says why; consent again clears it', async () => {
    const user = tenant.data.users[10]!;
    tenant.identity.revokeConsent(user.id, 'Mail.ReadBasic');
    const blocked = await syncJob(user.id);
    expect(blocked).toMatchObject({
      state: 'completed',
      retryCount: 0,
      output: { blocked: 'consentRequired' },
    });
    const s = await status(user.id);
    expect(s.blocked).toMatchObject({ code: 'consentRequired', detail: 'consent_required' });
    expect(s.streams.map((x) => x.stream)).toEqual(['calendar', 'mail:inbox', 'mail:sentitems']);

    await restoreConsent(user.id);
    expect(await syncJob(user.id)).toMatchObject({ state: 'completed', retryCount: 0 });
    const after = await status(user.id);
    expect(after.blocked).toBeNull();
    expect(after.phase).toBe('ready');
  });

  it('a mailbox Exchange Online does not serve: the job ends at once and the status says so', async () => {
    const user = tenant.data.users[11]!;
    tenant.faults.add({
      kind: 'status',
      status: 404,
      code: 'MailboxNotEnabledForRESTAPI',
      message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
      count: 1000,
      path: '^/me/(mailFolders|calendarView)',
    });
    try {
      const job = await syncJob(user.id);
      expect(job).toMatchObject({
        state: 'completed',
        retryCount: 0,
        output: { blocked: 'mailboxUnavailable' },
      });
    } finally {
      tenant.faults.reset();
    }
    expect((await status(user.id)).blocked).toMatchObject({
      code: 'mailboxUnavailable',
      detail: 'MailboxNotEnabledForRESTAPI (404)',
    });
  });

  it('a 429 storm beyond the SDK’s retries, then a dropped connection: the job is retried each time', async () => {
    const user = tenant.data.users[12]!;
    const inbox = '^/me/mailFolders/inbox/messages/delta';
    // The SDK's RetryHandler tries four times; the fifth request meets the dropped connection.
    tenant.faults.add({ kind: 'storm', count: 4, retryAfter: 0, path: inbox });
    tenant.faults.add({ kind: 'drop', count: 1, path: inbox });
    try {
      const job = await syncJob(user.id);
      expect(job).toMatchObject({ state: 'completed', retryCount: 2 });
      expect(tenant.faults.injected).toMatchObject({ storm: 4, drop: 1 });
    } finally {
      tenant.faults.reset();
    }
    const s = await status(user.id);
    expect(s).toMatchObject({ phase: 'ready', blocked: null });
  });
});
