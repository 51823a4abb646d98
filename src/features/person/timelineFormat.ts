import type { TimelineEntry, TimelineMonth } from './timelineApi';

/** The timeline's words and dates, in the user's locale; pure, so they are easy to test. */

const KIND_LABEL: Record<string, string> = {
  meeting_1on1: '1:1 meeting',
  meeting_small: 'Small meeting',
  meeting_large: 'Large meeting',
  mail_sent: 'You wrote',
  mail_received: 'They wrote',
  mail_cc: 'You were copied',
};

/** What the row says: the kind, then who drove it ("You replied", "They organised"). */
export function entryLabel(e: TimelineEntry): string {
  if (e.kind === 'mail_reply') return e.direction === 'outbound' ? 'You replied' : 'They replied';
  return KIND_LABEL[e.kind] ?? (e.channel === 'meeting' ? 'Meeting' : 'Mail');
}

/** Duration, size and who organised: "45 min · 4 people · you organised". */
export function entryDetail(e: TimelineEntry): string {
  const parts: string[] = [];
  if (e.channel === 'meeting') {
    if (e.durationMinutes !== null) parts.push(`${e.durationMinutes} min`);
    if (e.participants > 2) parts.push(`${e.participants} people`);
    if (e.direction === 'outbound') parts.push('you organised');
    else if (e.direction === 'inbound') parts.push('they organised');
  } else if (e.participants > 2) parts.push(`${e.participants} people on it`);
  return parts.join(' · ');
}

const DAY = 86_400_000;
const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** "today", "3 days ago", "last week", "2 months ago" — in the user's language. */
export function relativeDate(iso: string, now = new Date()): string {
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const days = Math.round((startOfDay(new Date(iso)) - startOfDay(now)) / DAY);
  if (Math.abs(days) < 7) return rtf.format(days, 'day');
  if (Math.abs(days) < 30) return rtf.format(Math.trunc(days / 7), 'week');
  if (Math.abs(days) < 365) return rtf.format(Math.trunc(days / 30), 'month');
  return rtf.format(Math.trunc(days / 365), 'year');
}

export const absoluteDate = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

/** "2026-06" as "June 2026" (or "Jun 2026" with `short`). */
export function monthName(month: string, short = false): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(y, m - 1, 1).toLocaleDateString(undefined, {
    month: short ? 'short' : 'long',
    year: 'numeric',
  });
}

/** Entries (newest first) grouped by the local month they fall in, keeping the order. */
export function byMonth(entries: TimelineEntry[]): Array<{ month: string; entries: TimelineEntry[] }> {
  const groups: Array<{ month: string; entries: TimelineEntry[] }> = [];
  for (const e of entries) {
    const d = new Date(e.at);
    const month = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    const last = groups.at(-1);
    if (last?.month === month) last.entries.push(e);
    else groups.push({ month, entries: [e] });
  }
  return groups;
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The strip's text alternative: totals, then every month's count. */
export function stripSummary(months: TimelineMonth[]): string {
  const meetings = months.reduce((n, m) => n + m.meetings, 0);
  const mail = months.reduce((n, m) => n + m.mail, 0);
  const each = months.map((m) => `${monthName(m.month, true)}: ${m.meetings + m.mail}`).join(', ');
  return `Last 12 months: ${plural(meetings, 'meeting', 'meetings')} and ${plural(mail, 'mail', 'mails')}. Per month: ${each}.`;
}
