import type { OfficeLike } from './types';

/** Microsoft's hosted office.js: the supported source inside Outlook. */
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

type StandInFactory = (win: Window) => OfficeLike;
interface MaybeOfficeWindow {
  Office?: unknown;
  parent?: unknown;
  self?: unknown;
}

/**
 * The demo harness (same origin, the parent window) plays Outlook with an `Office` stand-in:
 * `window.parent.RapportOfficeStandIn(window)`. Inside real Outlook the parent is cross-origin and
 * reading it throws — then there is no stand-in.
 */
export function sameOriginParentStandIn(win: MaybeOfficeWindow): OfficeLike | undefined {
  try {
    const parent = win.parent as { RapportOfficeStandIn?: unknown } | undefined;
    if (!parent || parent === (win as unknown)) return undefined;
    const factory = parent.RapportOfficeStandIn;
    return typeof factory === 'function' ? (factory as StandInFactory)(win as Window) : undefined;
  } catch {
    return undefined;
  }
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

/** The page's `Office`: already there, the harness's stand-in, or office.js loaded from Microsoft. */
export async function resolveOffice(
  win: MaybeOfficeWindow,
  timeoutMs: number,
): Promise<OfficeLike | undefined> {
  const present = presentOffice(win);
  if (present) return present;
  if (!(await loadScript(OFFICE_JS, timeoutMs))) return undefined;
  return win.Office as OfficeLike | undefined;
}
