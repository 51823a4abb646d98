import { describe, expect, it } from 'vitest';
import { syncStatusResponse } from '../../contract/sync';
import { blockedMessage } from '../../src/features/onboarding/blocked';

/** What the tab tells a user whose sync was stopped, and what it offers them to do. */
describe('blockedMessage', () => {
  it('consent withdrawn: grant consent again, through the consent action', () => {
    const m = blockedMessage({ code: 'consentRequired', detail: 'consent_required' });
    expect(m.title).toBe('Rapport lost access to your mailbox: grant consent again');
    expect(m.action).toEqual({ label: 'Grant consent' });
  });

  it('Graph refused (403): the same, and IT gets the code if consent does not help', () => {
    const m = blockedMessage({ code: 'accessDenied', detail: 'ErrorAccessDenied (403)' });
    expect(m.title).toMatch(/grant consent again/);
    expect(m.body).toContain('ErrorAccessDenied (403)');
    expect(m.action?.label).toBe('Grant consent');
  });

  it('an unavailable mailbox: ask IT, with what Graph answered, and no button that cannot help', () => {
    const m = blockedMessage({ code: 'mailboxUnavailable', detail: 'MailboxNotEnabledForRESTAPI (404)' });
    expect(m.title).toBe("Your mailbox isn't available to Microsoft Graph — ask IT");
    expect(m.body).toContain('MailboxNotEnabledForRESTAPI (404)');
    expect(m.action).toBeNull();
  });

  it('sign-in needed: sign in again', () => {
    expect(blockedMessage({ code: 'signInRequired', detail: 'interaction_required' }).action).toEqual({
      label: 'Sign in again',
    });
  });
});

it('the wire contract reads the server’s blocked field, null or set', () => {
  const base = { phase: 'failed', streams: [] };
  expect(syncStatusResponse.parse({ ...base, blocked: null }).blocked).toBeNull();
  const blocked = { code: 'consentRequired', detail: 'consent_required', since: '2025-01-01T00:00:00.000Z' };
  expect(syncStatusResponse.parse({ ...base, blocked }).blocked).toEqual(blocked);
  expect(() => syncStatusResponse.parse({ ...base, blocked: { code: 'consentRequired' } })).toThrow();
});
