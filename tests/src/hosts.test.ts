import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { fromMediaQueries, fromOfficeBackground, fromTeamsTheme } from '../../src/hosts/theme';
import { ApiError, apiFetch } from '../../src/lib/api';
import { readPageConfig } from '../../src/lib/config';

const teams = vi.hoisted(() => ({
  initialize: vi.fn(),
  isInitialized: vi.fn(),
  getContext: vi.fn(),
  getAuthToken: vi.fn(),
  onTheme: vi.fn(),
}));
vi.mock('@microsoft/teams-js', () => ({
  app: {
    initialize: teams.initialize,
    isInitialized: teams.isInitialized,
    getContext: teams.getContext,
    registerOnThemeChangeHandler: teams.onTheme,
  },
  authentication: { getAuthToken: teams.getAuthToken, authenticate: vi.fn() },
}));

beforeEach(() => {
  vi.stubGlobal('window', {
    matchMedia: () => ({ matches: false, addEventListener: () => {} }),
    location: { pathname: '/tab/', search: '', assign: vi.fn() },
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
});

describe('host themes', () => {
  it('maps Teams, Office and the browser to light, dark and high contrast', () => {
    expect([
      fromTeamsTheme('default'),
      fromTeamsTheme('dark'),
      fromTeamsTheme('contrast'),
      fromTeamsTheme(undefined),
    ]).toEqual(['light', 'dark', 'contrast', 'light']);
    expect([
      fromOfficeBackground('#1f1f1f'),
      fromOfficeBackground('#ffffff'),
      fromOfficeBackground('nonsense'),
    ]).toEqual(['dark', 'light', 'light']);
    expect(fromMediaQueries((q) => q.includes('forced-colors'))).toBe('contrast');
    expect(fromMediaQueries((q) => q.includes('dark'))).toBe('dark');
  });

  it('reads only known page options from the URL', () => {
    expect(readPageConfig('?host=teams&theme=dark')).toEqual({ host: 'teams', theme: 'dark' });
    expect(readPageConfig('?host=evil')).toEqual({});
  });
});

describe('host detection', () => {
  it('uses Teams SSO inside Teams', async () => {
    teams.initialize.mockResolvedValue(undefined);
    teams.isInitialized.mockReturnValue(true);
    teams.getContext.mockResolvedValue({
      app: { theme: 'dark' },
      page: { subPageId: 'person:ana@contoso.com' },
    });
    teams.getAuthToken.mockResolvedValue('teams-token');
    const { detectHost } = await import('../../src/hosts/detect');
    const host = await detectHost({}, true);
    expect(host.kind).toBe('teams');
    expect(host.theme).toBe('dark');
    expect(host.subPageId).toBe('person:ana@contoso.com'); // a deep link's person, for the tab
    expect(await host.getToken()).toBe('teams-token');
  });

  it('falls back to standalone when Teams never answers, within the timeout', async () => {
    teams.initialize.mockReturnValue(new Promise(() => {}));
    const { detectHost } = await import('../../src/hosts/detect');
    const started = Date.now();
    const host = await detectHost({ host: 'teams' }, false);
    expect(host.kind).toBe('standalone');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(teams.getContext).not.toHaveBeenCalled();
  });

  it('does not load Teams at all in a plain top-level page', async () => {
    const { detectHost } = await import('../../src/hosts/detect');
    expect((await detectHost({}, false)).kind).toBe('standalone');
    expect(teams.initialize).not.toHaveBeenCalled();
  });
});

describe('apiFetch', () => {
  const schema = z.object({ ok: z.boolean() });
  const respond = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
    });

  it('sends the bearer token and validates the answer', async () => {
    const fetchMock = vi.fn().mockResolvedValue(respond(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await apiFetch(async () => 'tok', '/api/x', schema)).toEqual({ ok: true });
    expect(fetchMock.mock.calls[0]![1].headers.authorization).toBe('Bearer tok');
  });

  it('retries once with a fresh token after a 401', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(respond(401, { title: 'Unauthorized' }))
      .mockResolvedValueOnce(respond(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    const getToken = vi.fn(async (o?: { forceRefresh?: boolean }) => (o?.forceRefresh ? 'fresh' : 'stale'));
    expect(await apiFetch(getToken, '/api/x', schema)).toEqual({ ok: true });
    expect(fetchMock.mock.calls[1]![1].headers.authorization).toBe('Bearer fresh');
  });

  it('turns problem+json into a typed error that knows about consent', async () => {
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValue(
          respond(403, { title: 'Consent required', detail: 'Grant access', code: 'consent_required' }),
        ),
    );
    const err = await apiFetch(async () => 't', '/api/x', schema).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).needsConsent).toBe(true);
    expect((err as ApiError).status).toBe(403);
  });
});

describe('Outlook host', () => {
  it('uses Office SSO and the Office theme inside Outlook', async () => {
    const getAccessToken = vi.fn().mockResolvedValue('office-token');
    vi.stubGlobal('window', {
      Office: {
        onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
        HostType: { Outlook: 'Outlook' },
        context: { officeTheme: { bodyBackgroundColor: '#202020' } },
        auth: { getAccessToken },
      },
    });
    const { detectHost } = await import('../../src/hosts/detect');
    const host = await detectHost({}, true, 'pane');
    expect(host.kind).toBe('outlook');
    expect(host.theme).toBe('dark');
    expect(await host.getToken()).toBe('office-token');
    expect(getAccessToken).toHaveBeenCalledWith(expect.objectContaining({ allowConsentPrompt: true }));
  });

  it('falls back when office.js finds no Outlook (a plain browser)', async () => {
    vi.stubGlobal('window', {
      Office: { onReady: () => Promise.resolve({ host: null }), HostType: { Outlook: 'Outlook' } },
      matchMedia: () => ({ matches: false, addEventListener: () => {} }),
      location: { pathname: '/pane/', search: '', assign: vi.fn() },
    });
    const { detectHost } = await import('../../src/hosts/detect');
    expect((await detectHost({ host: 'outlook' }, false, 'pane')).kind).toBe('standalone');
  });
});
