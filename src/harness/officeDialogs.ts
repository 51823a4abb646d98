import type { OfficeInstance } from './officeInstance';
import {
  type DialogHandle,
  EventType,
  type Handler,
  harnessReturnTo,
  later,
  pendingDialogs,
  splitArgs,
} from './officeTypes';
import type { Mailbox } from './officeStandIn';

/** The stand-in's SSO and dialogs: a real dev-tenant token for the pane, and the Office dialog. */

export async function standInToken(box: Mailbox, options: unknown): Promise<string> {
  box.log('auth.getAccessToken', options);
  if (box.quirks.has('no-sso'))
    throw { code: 13012, name: 'API Not Supported', message: 'SSO is not supported in this client.' };
  // Office caches the SSO token; the harness's own (already fetched for the profile) stands in.
  const cached = await box.token?.().catch(() => null);
  if (cached) return cached;
  const res = await fetch('/auth/token', {
    method: 'POST',
    credentials: 'include',
    headers: { 'X-Rapport-Request': '1' },
  }).catch(() => null);
  if (res?.status === 401) {
    // Not signed in to the demo: the harness goes through its sign-in and comes back.
    window.location.assign(`/auth/login?returnTo=${encodeURIComponent(harnessReturnTo())}`);
    throw { code: 13001, name: 'User not signed in', message: 'The user is not signed in.' };
  }
  const body = res?.ok ? ((await res.json().catch(() => null)) as { accessToken?: unknown } | null) : null;
  if (typeof body?.accessToken !== 'string')
    throw {
      code: 13003,
      name: 'Unsupported user identity type',
      message: `Could not get a token (${res?.status ?? 'network error'}).`,
    };
  return body.accessToken;
}

export function openDialog(inst: OfficeInstance, url: unknown, a: unknown, b: unknown): void {
  const { options, cb } = splitArgs<unknown>(a, b);
  const o = options as { height?: number; width?: number; asyncContext?: unknown };
  inst.box.log('ui.displayDialogAsync', { url });
  let target: URL;
  try {
    target = new URL(String(url), window.location.href);
  } catch {
    inst.fail(cb, options, { code: 12003, name: 'Invalid URL', message: 'The dialog URL is not valid.' });
    return;
  }
  if (target.protocol !== 'https:' && target.origin !== window.location.origin) {
    inst.fail(cb, options, { code: 12003, name: 'Invalid URL', message: 'Dialogs need HTTPS.' });
    return;
  }
  const w = Math.round((window.screen.availWidth * (o.width ?? 80)) / 100);
  const h = Math.round((window.screen.availHeight * (o.height ?? 80)) / 100);
  const popup = window.open(target.href, 'rapport-office-dialog', `popup,width=${w},height=${h}`);
  if (!popup) {
    inst.fail(cb, options, {
      code: 12009,
      name: 'Dialog blocked',
      message: 'The user chose to ignore the dialog box.',
    });
    return;
  }
  const handlers = new Map<string, Set<Handler>>();
  const emit = (type: string, args: Record<string, unknown>) => {
    for (const h of handlers.get(type) ?? []) later(() => h({ type, ...args }), 0);
  };
  const watch = setInterval(() => {
    if (popup.closed) {
      clearInterval(watch);
      emit(EventType.DialogEventReceived, { error: 12006 }); // the user closed the dialog
    }
  }, 250);
  const handle: DialogHandle = {
    receive: (message, origin) => emit(EventType.DialogMessageReceived, { message, origin }),
  };
  pendingDialogs.set(popup, handle);
  const dialog = {
    close: () => {
      clearInterval(watch);
      pendingDialogs.delete(popup);
      popup.close();
    },
    addEventHandler: (type: string, handler: Handler) => {
      if (!handlers.has(type)) handlers.set(type, new Set());
      handlers.get(type)!.add(handler);
    },
    messageChild: (message: string) => popup.postMessage(message, target.origin),
    sendMessage: (message: string) => popup.postMessage(message, target.origin),
  };
  inst.ok(cb, options, dialog);
}
