import type { OfficeLike } from './types';

/** Microsoft's hosted office.js: the supported source inside Outlook. */
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

type StandInFactory = (win: Window) => OfficeLike;
interface MaybeOfficeWindow {
  Office?: unknown;
  parent?: unknown;
  opener?: unknown;
  self?: unknown;
}

/**
 * The demo harness (same origin, the parent window — or the opener, for the Office dialog) plays
 * Outlook with an `Office` stand-in: `window.parent.RapportOfficeStandIn(window)`. Inside real
 * Outlook the parent and opener are cross-origin and reading them throws — then there is no stand-in.
 */
export function sameOriginParentStandIn(win: MaybeOfficeWindow): OfficeLike | undefined {
  // The pane is framed by the harness; the Office dialog is a window the harness opened.
  for (const host of [win.parent, win.opener]) {
    try {
      const h = host as { RapportOfficeStandIn?: unknown } | null | undefined;
      if (!h || h === (win as unknown)) continue;
      const factory = h.RapportOfficeStandIn;
      if (typeof factory === 'function') return (factory as StandInFactory)(win as Window);
    } catch {
      // cross-origin: real Outlook
    }
  }
  return undefined;
}

/** office.js already on the page (or the harness's stand-in), without loading anything. */
export function presentOffice(win: MaybeOfficeWindow): OfficeLike | undefined {
  return (win.Office as OfficeLike | undefined) ?? sameOriginParentStandIn(win);
}

function loadScript(src: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = document.createElement('script');
    const timer = setTimeout(() => resolve(false), timeoutMs);
    s.src = src;
    s.onload = () => {
      clearTimeout(timer);
      resolve(true);
    };
    s.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
    document.head.appendChild(s);
  });
}

/**
 * The harness declares its stand-in in its HTML (`<meta name="rapport-office-stand-in">`) and frames
 * the pane from the start, so the pane may run before the harness's script has defined it.
 */
function standInPromised(win: MaybeOfficeWindow): boolean {
  try {
    const parent = win.parent as { document?: Document } | undefined;
    if (!parent || parent === (win as unknown)) return false;
    return !!parent.document?.querySelector('meta[name="rapport-office-stand-in"]');
  } catch {
    return false; // cross-origin: real Outlook
  }
}

async function awaitStandIn(win: MaybeOfficeWindow, timeoutMs: number): Promise<OfficeLike | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const office = sameOriginParentStandIn(win);
    if (office || Date.now() > until) return office;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The page's `Office`: already there, the harness's stand-in, or office.js loaded from Microsoft. */
export async function resolveOffice(
  win: MaybeOfficeWindow,
  timeoutMs: number,
): Promise<OfficeLike | undefined> {
  const present = presentOffice(win);
  if (present) return present;
  if (standInPromised(win)) return awaitStandIn(win, timeoutMs);
  if (!(await loadScript(OFFICE_JS, timeoutMs))) return undefined;
  return win.Office as OfficeLike | undefined;
}
