import type { MailboxStore } from '../../mailbox/store';
import type { DirectoryUser } from '../../model';
import { wallClock, type WallClock } from '../../org/time';

/** Free/busy from a mailbox's calendar, shared by getSchedule and findMeetingTimes. */

export type Availability = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
/** Which status wins where items overlap: oof > busy > tentative > workingElsewhere > free. */
const RANK: Record<Availability, number> = {
  free: 0,
  workingElsewhere: 1,
  tentative: 2,
  busy: 3,
  oof: 4,
  unknown: -1,
};
/** availabilityView digits (resources/freebusystatus: free 0, tentative 1, busy 2, oof 3, workingElsewhere 4). */
export const VIEW_DIGIT: Record<Availability, string> = {
  free: '0',
  tentative: '1',
  busy: '2',
  oof: '3',
  workingElsewhere: '4',
  unknown: '',
};

export interface BusyItem {
  start: number;
  end: number;
  status: Availability;
  subject: string;
  location: string;
  isPrivate: boolean;
  isRecurring: boolean;
  isMeeting: boolean;
}

export function busyItems(store: MailboxStore, user: DirectoryUser, from: number, to: number): BusyItem[] {
  const out: BusyItem[] = [];
  for (const item of store.calendar(user.id)) {
    const e = item.event;
    if (item.deleted || e.isCancelled || e.type === 'seriesMaster' || e.showAs === 'free') continue;
    if (item.response.response === 'declined') continue;
    const start = Date.parse(e.start);
    const end = Date.parse(e.end);
    if (start >= to || end <= from) continue;
    // An invitation answered 'tentative' shows as tentative; otherwise the event's own showAs.
    const status: Availability =
      e.showAs === 'busy' && item.response.response === 'tentativelyAccepted'
        ? 'tentative'
        : (e.showAs as Availability);
    out.push({
      start,
      end,
      status,
      subject: e.subject,
      location: e.location.displayName,
      isPrivate: e.sensitivity === 'private',
      isRecurring: e.seriesMasterUid !== null,
      isMeeting: e.attendees.length > 0,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The strongest status over [from, to): oof > busy > tentative > workingElsewhere > free. */
export function statusOver(items: BusyItem[], from: number, to: number): Availability {
  let best: Availability = 'free';
  for (const i of items) {
    if (i.start < to && i.end > from && RANK[i.status] > RANK[best]) best = i.status;
  }
  return best;
}

/** Whether [from, to) lies inside the user's working hours in their own time zone (`anyDay`: on any weekday or weekend day). */
export function withinWorkingHours(
  user: DirectoryUser,
  from: number,
  to: number,
  iana: string,
  anyDay = false,
): boolean {
  const wh = user.mailboxSettings.workingHours;
  const a = wallClock(iana, from);
  const b = wallClock(iana, to - 1);
  if (a.weekday !== b.weekday) return false;
  if (!anyDay && !wh.daysOfWeek.includes(a.weekday)) return false;
  const minutes = (w: WallClock) => w.hour * 60 + w.minute;
  const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return minutes(a) >= hm(wh.startTime) && minutes(b) + 1 <= hm(wh.endTime);
}
