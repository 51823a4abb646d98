import { OfficeApp } from 'office-addin-manifest';
import { OfficeMockObject } from 'office-addin-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  authPlan,
  capabilitiesOf,
  SignInError,
  ssoFailureAction,
  type TokenGetter,
  tokenChain,
} from '../../src/hosts/office/auth';
import { readPaneConfig } from '../../src/hosts/office/config';
import { resolveOffice, sameOriginParentStandIn } from '../../src/hosts/office/load';
import type { OfficeLike } from '../../src/hosts/office/types';
import { connectOutlook } from '../../src/hosts/outlook';

const CLIENT = '58d98079-cc1b-47c7-a8bc-016b67e789d2';
const config = readPaneConfig(`?clientId=${CLIENT}`, 'localhost:53000');

function office(o: { naa: boolean; sso?: () => Promise<string>; dialog?: boolean }) {
  return new OfficeMockObject(
    {
      HostType: { Outlook: 'Outlook' },
      onReady: async () => ({ host: 'Outlook', platform: 'OfficeOnline' }),
      context: {
        requirements: {
          isSetSupported: (name: string, v: string) => o.naa && name === 'NestedAppAuth' && v === '1.1',
        },
        officeTheme: { bodyBackgroundColor: '#ffffff' },
        ui: o.dialog === false ? {} : { displayDialogAsync: () => {} },
        mailbox: { userProfile: { emailAddress: 'megan@contoso.com' } },
      },
      auth: { getAccessToken: o.sso ?? (async () => 'sso-token') },
    },
    OfficeApp.Outlook,
  ) as unknown as OfficeLike;
}

const failing = (code?: number) => Object.assign(new Error(`failed ${code}`), { code });

describe('page config', () => {
  it('takes the client id from the URL and derives the API scope from it', () => {
    expect(config).toMatchObject({
      clientId: CLIENT,
      apiScope: `api://localhost:53000/${CLIENT}/access_as_user`,
      authority: 'https://login.microsoftonline.com/common',
    });
    expect(readPaneConfig('?clientId=nope', 'x').clientId).toBeNull();
    expect(readPaneConfig('', 'x').apiScope).toBeNull();
  });
});

describe('the sign-in decision', () => {
  it('NAA where NestedAppAuth 1.1 is supported and the client id is known, then SSO, then the dialog', () => {
    expect(authPlan(capabilitiesOf(office({ naa: true }), config))).toEqual(['naa', 'sso', 'dialog']);
    expect(authPlan(capabilitiesOf(office({ naa: false }), config))).toEqual(['sso', 'dialog']);
    // No client id in the page: NAA cannot ask for Rapport's scope; SSO needs none.
    expect(authPlan(capabilitiesOf(office({ naa: true }), readPaneConfig('', 'x')))).toEqual([
      'sso',
      'dialog',
    ]);
    expect(authPlan(capabilitiesOf(office({ naa: false, dialog: false }), config))).toEqual(['sso']);
  });

  it('reads the documented SSO codes: retry 13008, stop on 13002/13013, fall back on the rest', () => {
    expect(ssoFailureAction(13008)).toBe('retry');
    expect(ssoFailureAction(13002)).toBe('stop');
    expect(ssoFailureAction(13013)).toBe('stop');
    for (const code of [13000, 13001, 13003, 13004, 13005, 13006, 13007, 13012, 50001, undefined])
      expect(ssoFailureAction(code)).toBe('fallback');
  });
});

describe('the fallback chain', () => {
  const getters = (g: Partial<Record<'naa' | 'sso' | 'dialog', TokenGetter>>) => ({
    naa: g.naa ? async () => g.naa! : undefined,
    sso: g.sso ? async () => g.sso! : undefined,
    dialog: g.dialog ? async () => g.dialog! : undefined,
  });

  it('NAA failing hands over to SSO, and SSO is used from then on', async () => {
    const naa = vi.fn().mockRejectedValue(new Error('The origin is not valid for Nested App Auth'));
    const sso = vi.fn().mockResolvedValue('sso-token');
    const dialog = vi.fn().mockResolvedValue('dialog-token');
    const chain = tokenChain(['naa', 'sso', 'dialog'], getters({ naa, sso, dialog }));
    expect(await chain()).toBe('sso-token');
    expect(chain.method()).toBe('sso');
    expect(await chain({ forceRefresh: true })).toBe('sso-token');
    expect(naa).toHaveBeenCalledTimes(1);
    expect(dialog).not.toHaveBeenCalled();
  });

  it('SSO failing with a fallback code opens the dialog', async () => {
    const sso = vi.fn().mockRejectedValue(failing(13007));
    const dialog = vi.fn().mockResolvedValue('dialog-token');
    const chain = tokenChain(['sso', 'dialog'], getters({ sso, dialog }));
    expect(await chain()).toBe('dialog-token');
    expect(chain.method()).toBe('dialog');
  });

  it('the user cancelling consent (13002) stops: no dialog thrown at them', async () => {
    const dialog = vi.fn().mockResolvedValue('dialog-token');
    const chain = tokenChain(
      ['sso', 'dialog'],
      getters({ sso: () => Promise.reject(failing(13002)), dialog }),
    );
    await expect(chain()).rejects.toBeInstanceOf(SignInError);
    expect(dialog).not.toHaveBeenCalled();
  });

  it('13008 (a call in progress) is retried once', async () => {
    const sso = vi.fn().mockRejectedValueOnce(failing(13008)).mockResolvedValue('sso-token');
    const chain = tokenChain(['sso', 'dialog'], getters({ sso }), { retryDelayMs: 1 });
    expect(await chain()).toBe('sso-token');
    expect(sso).toHaveBeenCalledTimes(2);
  });

  it('everything failing says which methods were tried', async () => {
    const chain = tokenChain(
      ['naa', 'sso', 'dialog'],
      getters({
        naa: () => Promise.reject(new Error('no_account_error')),
        sso: () => Promise.reject(failing(13000)),
        dialog: () => Promise.reject(failing(12006)),
      }),
    );
    const err = (await chain().catch((e: unknown) => e)) as SignInError;
    expect(err).toBeInstanceOf(SignInError);
    expect(err.tried).toEqual(['naa', 'sso', 'dialog']);
  });
});

describe('connecting to Outlook', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uses the same-origin harness stand-in when there is no office.js, and SSO when NAA is unsupported', async () => {
    const getAccessToken = vi.fn().mockResolvedValue('harness-token');
    const standIn = office({ naa: false, sso: getAccessToken });
    const factory = vi.fn(() => standIn);
    const win = {
      parent: { RapportOfficeStandIn: factory },
      location: { search: '', host: 'localhost', origin: '' },
    };
    const c = await connectOutlook({ timeoutMs: 100, win });
    expect(factory).toHaveBeenCalledWith(win);
    expect(c?.plan).toEqual(['sso', 'dialog']);
    expect(await c!.host.getToken()).toBe('harness-token');
    expect(getAccessToken).toHaveBeenCalledWith(expect.objectContaining({ allowSignInPrompt: true }));
  });

  it('waits for a stand-in the harness declares but has not defined yet (the pane ran first)', async () => {
    const standIn = office({ naa: false });
    const parent: { document: unknown; RapportOfficeStandIn?: () => OfficeLike } = {
      document: { querySelector: (sel: string) => (sel.includes('rapport-office-stand-in') ? {} : null) },
    };
    setTimeout(() => (parent.RapportOfficeStandIn = () => standIn), 30);
    const win = { parent, location: { search: '', host: 'localhost', origin: '' } };
    expect(await resolveOffice(win, 1000)).toBe(standIn);
    // Declared but never defined: gives up after the timeout instead of loading office.js.
    const never = { parent: { document: parent.document }, location: win.location };
    const t0 = Date.now();
    expect(await resolveOffice(never, 60)).toBeUndefined();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
  });

  it('a cross-origin parent (real Outlook) throws on access: no stand-in', () => {
    const parent = new Proxy(
      {},
      {
        get() {
          throw new DOMException('Blocked a frame with origin', 'SecurityError');
        },
      },
    );
    expect(sameOriginParentStandIn({ parent })).toBeUndefined();
  });

  it('NAA first where supported: msal loaded, silent token; failing NAA falls back to SSO', async () => {
    const naa = vi.fn(async () => async () => 'naa-token');
    const win = {
      Office: office({ naa: true }),
      location: { search: `?clientId=${CLIENT}`, host: 'localhost:53000', origin: 'https://localhost:53000' },
    };
    const c = await connectOutlook({ timeoutMs: 100, win, naa });
    expect(c?.plan).toEqual(['naa', 'sso', 'dialog']);
    expect(await c!.host.getToken()).toBe('naa-token');
    expect(naa).toHaveBeenCalledWith({
      clientId: CLIENT,
      apiScope: `api://localhost:53000/${CLIENT}/access_as_user`,
      authority: 'https://login.microsoftonline.com/common',
    });

    const broken = await connectOutlook({
      timeoutMs: 100,
      win,
      naa: async () => async () => {
        throw new Error('ServerError');
      },
    });
    expect(await broken!.host.getToken()).toBe('sso-token');
  });
});
