import type { TokenGetter } from './auth';
import { type DialogLike, eventType, type OfficeLike, succeeded } from './types';

/**
 * The last resort: Rapport's own sign-in (`/auth/login`, the authorization-code flow the server
 * runs) in the Office dialog. The dialog comes back to `/pane/?authDialog=1`, which asks the
 * server for an API token with the new session cookie and sends it to the pane with
 * `messageParent`. The pane keeps it in memory only; when it expires it first asks `/auth/token`
 * itself (the dialog and the pane often share cookies) and opens the dialog again only if not.
 */
export const DIALOG_RETURN = '/pane/?authDialog=1';

interface TokenMessage {
  type: 'rapport-token';
  accessToken: string;
  expiresOn: string | null;
}
interface ErrorMessage {
  type: 'rapport-signin-error';
  error: string;
}

const tokenBody = (v: unknown): { accessToken: string; expiresOn: string | null } | null => {
  const o = v as { accessToken?: unknown; expiresOn?: unknown } | null;
  return o && typeof o.accessToken === 'string'
    ? { accessToken: o.accessToken, expiresOn: typeof o.expiresOn === 'string' ? o.expiresOn : null }
    : null;
};

async function sessionToken(): Promise<{ accessToken: string; expiresOn: string | null } | null> {
  const res = await fetch('/auth/token', {
    method: 'POST',
    credentials: 'include',
    headers: { 'X-Rapport-Request': '1' },
  }).catch(() => null);
  if (!res?.ok) return null;
  return tokenBody(await res.json().catch(() => null));
}

function openDialog(
  office: OfficeLike,
  origin: string,
): Promise<{ accessToken: string; expiresOn: string | null }> {
  const url = `${origin}/auth/login?returnTo=${encodeURIComponent(DIALOG_RETURN)}`;
  return new Promise((resolve, reject) => {
    office.context.ui!.displayDialogAsync!(url, { height: 60, width: 30 }, (r) => {
      if (!succeeded(office, r)) {
        reject(
          Object.assign(new Error(r.error?.message ?? 'Could not open the sign-in dialog'), {
            code: r.error?.code,
          }),
        );
        return;
      }
      const dialog: DialogLike = r.value;
      dialog.addEventHandler(eventType(office, 'DialogMessageReceived'), (arg) => {
        dialog.close();
        let msg: TokenMessage | ErrorMessage | null = null;
        try {
          msg = JSON.parse(arg.message ?? 'null') as TokenMessage | ErrorMessage;
        } catch {
          msg = null;
        }
        if (msg?.type === 'rapport-token')
          resolve({ accessToken: msg.accessToken, expiresOn: msg.expiresOn });
        else reject(new Error(msg?.type === 'rapport-signin-error' ? msg.error : 'Sign-in did not finish'));
      });
      // 12006: the user closed the dialog.
      dialog.addEventHandler(eventType(office, 'DialogEventReceived'), (arg) =>
        reject(Object.assign(new Error('Sign-in was cancelled'), { code: arg.error })),
      );
    });
  });
}

export function dialogGetter(office: OfficeLike, origin: string, now = () => Date.now()): TokenGetter {
  let cached: { token: string; expiresAt: number } | null = null;
  const keep = (t: { accessToken: string; expiresOn: string | null }) => {
    cached = { token: t.accessToken, expiresAt: t.expiresOn ? Date.parse(t.expiresOn) : now() + 5 * 60_000 };
    return t.accessToken;
  };
  return async ({ forceRefresh }) => {
    if (cached && !forceRefresh && cached.expiresAt - now() > 60_000) return cached.token;
    const fromSession = await sessionToken();
    if (fromSession) return keep(fromSession);
    return keep(await openDialog(office, origin));
  };
}

/** The dialog's side (`/pane/?authDialog=1`): the session's API token to the pane, then done. */
export async function runAuthDialogPage(office: OfficeLike, signinError: string | null): Promise<void> {
  await office.onReady();
  const send = (m: TokenMessage | ErrorMessage) => office.context.ui?.messageParent?.(JSON.stringify(m));
  if (signinError) return send({ type: 'rapport-signin-error', error: signinError });
  const t = await sessionToken();
  send(
    t ? { type: 'rapport-token', ...t } : { type: 'rapport-signin-error', error: 'Sign-in did not finish' },
  );
}
