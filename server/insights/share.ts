import type { Interaction } from '../sync/interactions';

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
  const items = new Map<string, { at: Date; minutes: number; meeting: boolean; external: boolean }>();
  for (const i of interactions) {
    if (i.at.getTime() > asOf.getTime()) continue;
    const key = `${i.sourceType}:${i.sourceId}`;
    const item = items.get(key);
    if (item) item.external ||= !i.internal;
    else
      items.set(key, {
        at: i.at,
        minutes: i.durationMinutes,
        meeting: i.sourceType === 'event',
        external: !i.internal,
      });
  }
  const keys: string[] = [];
  for (let k = months - 1; k >= 0; k--) {
    const d = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - k, 1));
    keys.push(d.toISOString().slice(0, 7));
  }
  const rows = new Map(
    keys.map((month) => [
      month,
      { month, meetingHoursInternal: 0, meetingHoursExternal: 0, mailInternal: 0, mailExternal: 0 },
    ]),
  );
  for (const item of items.values()) {
    const row = rows.get(item.at.toISOString().slice(0, 7));
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
