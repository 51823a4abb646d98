import type { Quirk, ThemeName } from './officeStandIn';

/**
 * The harness's starting state from its URL, so a test or the bench can open it straight on an
 * item: `?item=read|compose|meeting|none`, `&to=a@x;b@y&cc=…&bcc=…` (compose), `&attendees=…`,
 * `&start=ISO&end=ISO` (meeting), `&pinned=0`, `&theme=dark|contrast`, `&quirks=late-item,…`.
 */
export interface HarnessParams {
  item: 'read' | 'compose' | 'meeting' | 'none';
  /** read: which message of the inbox (0 = the newest not sent by the user). */
  index: number;
  to: string[];
  cc: string[];
  bcc: string[];
  attendees: string[];
  start: Date | null;
  end: Date | null;
  pinned: boolean;
  theme: ThemeName;
  quirks: Quirk[];
}

const list = (v: string | null) =>
  (v ?? '')
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean);
const date = (v: string | null) => {
  const t = v ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? null : new Date(t);
};

export function readParams(search = window.location.search): HarnessParams {
  const q = new URLSearchParams(search);
  const item = q.get('item');
  const theme = q.get('theme');
  const quirks = list(q.get('quirks')).filter((x): x is Quirk =>
    ['late-item', 'empty-first', 'strict-concurrency', 'no-sso'].includes(x),
  );
  return {
    item: item === 'compose' || item === 'meeting' || item === 'none' ? item : 'read',
    index: Math.max(0, Math.min(29, Number.parseInt(q.get('index') ?? '0', 10) || 0)),
    to: list(q.get('to')),
    cc: list(q.get('cc')),
    bcc: list(q.get('bcc')),
    attendees: list(q.get('attendees')),
    start: date(q.get('start')),
    end: date(q.get('end')),
    pinned: q.get('pinned') !== '0',
    theme: theme === 'dark' || theme === 'contrast' ? theme : 'light',
    quirks,
  };
}

/** The next weekday at 22:00 UTC (the afternoon in the demo tenant's Pacific time), for 30 minutes. */
export function defaultMeetingTimes(now = new Date()): { start: Date; end: Date } {
  const d = new Date(now.getTime() + 86_400_000);
  while ([0, 6].includes(d.getUTCDay())) d.setUTCDate(d.getUTCDate() + 1);
  const start = new Date(`${d.toISOString().slice(0, 10)}T22:00:00Z`);
  return { start, end: new Date(start.getTime() + 30 * 60_000) };
}
