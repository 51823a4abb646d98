import type { TokenSource } from '../../lib/api';
import type { OfficeLike } from './types';

/**
 * How the Outlook pane gets a token for Rapport's API, best first:
 * 1. nested app authentication (MSAL's nestable client, silent then popup) where the client
 *    supports `NestedAppAuth 1.1` and the page knows the app's client id — legacy Exchange tokens
 *    are off in Microsoft 365;
 * 2. Office SSO (`Office.auth.getAccessToken`; the backend exchanges it on-behalf-of);
 * 3. the Office dialog running Rapport's own sign-in (`/auth/login`), which hands the token back.
 * A method that fails hands over to the next; the documented SSO codes decide whether to.
 */
export type AuthMethod = 'naa' | 'sso' | 'dialog';

export interface AuthCapabilities {
  naaSupported: boolean;
  /** The app registration's client id and API scope (page config); NAA needs both. */
  clientId: string | null;
  apiScope: string | null;
  ssoAvailable: boolean;
  dialogAvailable: boolean;
}

export function capabilitiesOf(
  office: OfficeLike,
  config: { clientId: string | null; apiScope: string | null },
) {
  let naaSupported = false;
  try {
    naaSupported = office.context.requirements?.isSetSupported('NestedAppAuth', '1.1') === true;
  } catch {
    naaSupported = false;
  }
  return {
    naaSupported,
    clientId: config.clientId,
    apiScope: config.apiScope,
    ssoAvailable: typeof office.auth?.getAccessToken === 'function',
    dialogAvailable: typeof office.context.ui?.displayDialogAsync === 'function',
  } satisfies AuthCapabilities;
}

/** The methods to try, in order. Pure: the decision is unit-tested. */
export function authPlan(c: AuthCapabilities): AuthMethod[] {
  const plan: AuthMethod[] = [];
  if (c.naaSupported && c.clientId && c.apiScope) plan.push('naa');
  if (c.ssoAvailable) plan.push('sso');
  if (c.dialogAvailable) plan.push('dialog');
  return plan;
}

/**
 * What to do when `getAccessToken` fails, by its documented code ("Troubleshoot error messages for
 * single sign-on"): 13008 — another call is in progress — retry shortly; 13002 — the user
 * cancelled sign-in or consent — and 13013 — throttled — stop and let the user try again;
 * everything else (13000 not supported, 13001 not signed in, 13003 account type, 13004/13005 app
 * registration or consent, 13006 client error, 13007 no token, 13012 sideloaded unsupported,
 * 50001 old cached office.js, unknown) falls back to the dialog.
 */
export type SsoFailureAction = 'retry' | 'stop' | 'fallback';
export function ssoFailureAction(code: unknown): SsoFailureAction {
  if (code === 13008) return 'retry';
  if (code === 13002 || code === 13013) return 'stop';
  return 'fallback';
}

export type TokenGetter = (opts: { forceRefresh: boolean }) => Promise<string>;

export class SignInError extends Error {
  constructor(
    message: string,
    readonly tried: AuthMethod[],
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

const codeOf = (e: unknown) =>
  e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A TokenSource over the plan: it starts at the method that worked last and walks down the plan
 * on failure. `getters` builds each method lazily (NAA loads msal-browser only when tried).
 */
export function tokenChain(
  plan: AuthMethod[],
  getters: Partial<Record<AuthMethod, () => Promise<TokenGetter>>>,
  opts: { retryDelayMs?: number; onMethod?: (m: AuthMethod) => void } = {},
): TokenSource & { method(): AuthMethod | null } {
  const built = new Map<AuthMethod, Promise<TokenGetter>>();
  let start = 0;
  let current: AuthMethod | null = null;
  const getterFor = (m: AuthMethod) => {
    let g = built.get(m);
    if (!g) {
      const make = getters[m];
      g = make ? make() : Promise.reject(new Error(`${m} is not available`));
      built.set(m, g);
      // A failed build (msal-browser failed to load) is retried next time.
      g.catch(() => built.delete(m));
    }
    return g;
  };
  const source = async (o?: { forceRefresh?: boolean }): Promise<string> => {
    const forceRefresh = o?.forceRefresh === true;
    const tried: AuthMethod[] = [];
    let last: unknown;
    for (let i = start; i < plan.length; i++) {
      const m = plan[i]!;
      tried.push(m);
      try {
        const get = await getterFor(m);
        let token: string;
        try {
          token = await get({ forceRefresh });
        } catch (err) {
          if (m !== 'sso' || ssoFailureAction(codeOf(err)) !== 'retry') throw err;
          await new Promise((r) => setTimeout(r, opts.retryDelayMs ?? 500));
          token = await get({ forceRefresh });
        }
        if (current !== m) opts.onMethod?.(m);
        start = i;
        current = m;
        return token;
      } catch (err) {
        last = err;
        if (m === 'sso' && ssoFailureAction(codeOf(err)) === 'stop') break;
      }
    }
    // Next time, start from the top again: the user may have signed in meanwhile.
    start = 0;
    throw new SignInError(
      `Could not sign in to Rapport: ${messageOf(last ?? 'no sign-in method')}`,
      tried,
      last,
    );
  };
  return Object.assign(source, { method: () => current });
}

/** Office SSO: a token for Rapport's API (the manifest's webApplicationInfo), prompts allowed. */
export function ssoGetter(office: OfficeLike): TokenGetter {
  // Office caches the token and refreshes it when it is about to expire: ask every time.
  return () =>
    office.auth!.getAccessToken({
      allowSignInPrompt: true,
      allowConsentPrompt: true,
      forMSGraphAccess: false,
    });
}
