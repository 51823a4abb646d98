import type { Interaction } from '../domain/interaction';

/**
 * Internal share ("33 % of your selling should be internal"): per month, the meeting hours and the
 * messages that involved only colleagues vs any outsider. An item counts once, whoever was on it.
 */
export interface MonthShare {
  month: string; // YYYY-MM
  meetingHoursInternal: number;
  meetingHoursExternal: number;
  mailInternal: number;
  mailExternal: number;
  /** Internal share of meeting hours and messages together (hours and messages weighed as counted). */
  meetingShare: number | null;
  mailShare: number | null;
}

export function internalShare(interactions: Interaction[], asOf: Date, months = 12): MonthShare[] {
  // One entry per meeting or message (an item has a row per counterpart), by month index.
  const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
  const last = monthIndex(asOf);
  const first = last - months + 1;
  const items = new Map<string, { month: number; minutes: number; meeting: boolean; external: boolean }>();
  const limit = asOf.getTime();
  for (const i of interactions) {
    if (i.at.getTime() > limit) continue;
    const month = monthIndex(i.at);
    if (month < first) continue;
    const key = i.sourceType === 'event' ? `e${i.sourceId}` : `m${i.sourceId}`;
    const item = items.get(key);
    if (item) item.external ||= !i.internal;
    else
      items.set(key, {
        month,
        minutes: i.durationMinutes,
        meeting: i.sourceType === 'event',
        external: !i.internal,
      });
  }
  const rows = new Map<number, Omit<MonthShare, 'meetingShare' | 'mailShare'>>();
  for (let m = first; m <= last; m++) {
    const month = new Date(Date.UTC(Math.floor(m / 12), m % 12, 1)).toISOString().slice(0, 7);
    rows.set(m, {
      month,
      meetingHoursInternal: 0,
      meetingHoursExternal: 0,
      mailInternal: 0,
      mailExternal: 0,
    });
  }
  for (const item of items.values()) {
    const row = rows.get(item.month);
    if (!row) continue;
    if (item.meeting) {
      if (item.external) row.meetingHoursExternal += item.minutes / 60;
      else row.meetingHoursInternal += item.minutes / 60;
    } else if (item.external) row.mailExternal++;
    else row.mailInternal++;
  }
  const ratio = (a: number, b: number) => (a + b > 0 ? Math.round((a / (a + b)) * 1000) / 1000 : null);
  return [...rows.values()].map((r) => ({
    ...r,
    meetingHoursInternal: Math.round(r.meetingHoursInternal * 10) / 10,
    meetingHoursExternal: Math.round(r.meetingHoursExternal * 10) / 10,
    meetingShare: ratio(r.meetingHoursInternal, r.meetingHoursExternal),
    mailShare: ratio(r.mailInternal, r.mailExternal),
  }));
}
