import { describe, expect, it } from 'vitest';
import { classifyGraphError, classifyGraphResponse, type GraphFailure } from '../../server/graph/errors';
import { syncOutcome } from '../../server/sync/jobOutcome';

/** The job queue's one decision, from a run's classified failures. */
const answer = (status: number, code = '', headers: Record<string, string> = {}): GraphFailure =>
  classifyGraphResponse({ status, headers, body: { error: { code, message: '' } } })!;
const throttled = answer(429, 'TooManyRequests', { 'Retry-After': '2' });
const transient = classifyGraphError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
const denied = answer(403, 'ErrorAccessDenied');
const mailbox = answer(404, 'MailboxNotEnabledForRESTAPI');
const bad = answer(400, 'BadRequest');

describe('syncOutcome', () => {
  it.each([
    ['nothing failed', [], 'done'],
    ['throttled', [throttled], 'retry'],
    ['a dropped connection', [transient], 'retry'],
    ['a bad request is not worth retrying', [bad], 'failed'],
    ['forbidden ends the job even beside a retryable failure', [throttled, denied], 'blocked'],
    ['an unavailable mailbox', [mailbox], 'blocked'],
    ['retryable beats hopeless: the retry may fix the rest', [bad, transient], 'retry'],
  ] as const)('%s → %s', (_name, failures, kind) => {
    const run = failures.map((failure, i) => ({ where: `stream-${i}`, failure }));
    expect(syncOutcome(run).kind).toBe(kind);
  });

  it('says which failure blocks, and names every failed stream otherwise', () => {
    expect(syncOutcome([{ where: 'mail:inbox', failure: mailbox }])).toEqual({
      kind: 'blocked',
      failure: mailbox,
    });
    expect(syncOutcome([{ where: 'calendar', failure: throttled }])).toEqual({
      kind: 'retry',
      reason: 'sync failed: calendar (throttled: TooManyRequests (429))',
    });
  });
});
