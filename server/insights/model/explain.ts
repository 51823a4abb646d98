import type { Evidence } from './strength';

const DAY = 86_400_000;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const ago = (iso: string, asOf: Date) => {
  const days = Math.floor((asOf.getTime() - Date.parse(iso)) / DAY);
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
};

/** A short English sentence: what the evidence is, and when they last met or wrote. */
export function explain(ev: Evidence, asOf: Date, longStanding = false): string {
  const parts: string[] = [];
  if (ev.oneOnOnes) parts.push(plural(ev.oneOnOnes, '1:1'));
  if (ev.groupMeetings) parts.push(plural(ev.groupMeetings, 'small meeting'));
  if (ev.twoWayExchanges) parts.push(plural(ev.twoWayExchanges, 'two-way mail exchange'));
  if (ev.quickReplies) parts.push(`${plural(ev.quickReplies, 'reply', 'replies')} within hours`);
  // Steady back-and-forth: one busy week says less than several.
  if (ev.twoWayWeeks > 1) parts.push(`mail both ways in ${ev.twoWayWeeks} separate weeks`);
  const oneWaySent = ev.mailsSent - ev.twoWayExchanges;
  const oneWayReceived = ev.mailsReceived - ev.twoWayExchanges;
  if (oneWaySent) parts.push(`${plural(oneWaySent, 'mail')} sent${ev.twoWayExchanges ? ' unanswered' : ''}`);
  if (oneWayReceived)
    parts.push(`${plural(oneWayReceived, 'mail')} received${ev.twoWayExchanges ? ' unanswered' : ''}`);
  if (!parts.length && ev.largeMeetings) parts.push(plural(ev.largeMeetings, 'large meeting'));
  if (!parts.length && ev.ccs) parts.push(`copied on ${plural(ev.ccs, 'mail')}`);
  const list =
    parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
  const what = list ? `${list} in ${ev.windowDays} days` : `nothing in ${ev.windowDays} days`;
  const when = ev.lastMet
    ? `last met ${ago(ev.lastMet, asOf)}`
    : ev.lastContact
      ? `last contact ${ago(ev.lastContact, asOf)}`
      : 'no contact yet';
  const text = `${what}; ${when}${longStanding ? '; long-standing' : ''}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
