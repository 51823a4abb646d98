import type { Band, MapPerson } from '../lib/mapApi';
import type { PaneColleagueCard, PeopleCardsResponse } from './api';

/** The pane's words, pure so they are tested apart from React. */

const DAY = 86_400_000;

/** "today", "yesterday", "12 days ago", "3 months ago"; null when never. */
export function ago(iso: string | null | undefined, now: number): string | null {
  if (!iso) return null;
  const days = Math.floor((now - Date.parse(iso)) / DAY);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  const months = Math.round(days / 30.44);
  return months < 24 ? `${months} months ago` : `${Math.round(days / 365.25)} years ago`;
}

/** "Due 12 days ago", "Due today", "Due in 5 days"; null when nothing is due. */
export function dueText(daysOverdue: number | null | undefined): string | null {
  if (daysOverdue === null || daysOverdue === undefined) return null;
  const d = Math.round(daysOverdue);
  if (d === 0) return 'Due today';
  if (d === 1) return 'Due yesterday';
  if (d > 1) return `Due ${d} days ago`;
  return d === -1 ? 'Due tomorrow' : `Due in ${-d} days`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "12 colleagues: 3 on your map, 1 due" (+ externals, lists and what was left out). */
export function summaryLine(
  s: PeopleCardsResponse['summary'],
  extra: { distributionLists: number; notShown: number } = { distributionLists: 0, notShown: 0 },
): string {
  const parts = [`${plural(s.colleagues, 'colleague')}: ${s.onMap} on your map, ${s.due} due`];
  if (s.external) parts.push(`${s.external} external`);
  if (extra.distributionLists) parts.push(plural(extra.distributionLists, 'distribution list'));
  if (extra.notShown) parts.push(`${extra.notShown} more not looked up`);
  return parts.join(' · ');
}

/** Summarise more than 8 people, or any distribution list. */
export const SUMMARY_OVER = 8;
export const needsSummary = (people: number, distributionLists: number) =>
  people > SUMMARY_OVER || distributionLists > 0;

const firstName = (name: string) => name.trim().split(/\s+/)[0] || name;

const BAND_WORD: Record<Band, string> = { good: 'good', fair: 'only fair', poor: 'poor', none: 'unknown' };

/** The seed's "don't go over their head", gently. */
export function managerHint(card: PaneColleagueCard): string | null {
  const m = card.managerOf;
  if (!m) return null;
  const first = firstName(m.displayName);
  return `You're writing to ${first}'s manager. Your relationship with ${first} is ${BAND_WORD[m.band]} — consider working it out with ${first} first.`;
}

export const ROLE_LABEL: Record<string, string> = {
  approver: 'Approver',
  sponsor: 'Sponsor',
  mentor: 'Mentor',
  'unofficial-leader': 'Unofficial leader',
  peer: 'Peer',
  support: 'Support',
};

/** Their part on the user's map: the role the user gave them, else the directory relation. */
export function roleText(p: MapPerson): string | null {
  const tag = p.stakeholder?.roleTag;
  const relation = p.relation ? p.relation[0]!.toUpperCase() + p.relation.slice(1) : null;
  return [tag ? (ROLE_LABEL[tag] ?? tag) : null, relation].filter(Boolean).join(' · ') || null;
}

export const onMap = (p: MapPerson | null) => p?.stakeholder?.status === 'accepted';

/** "Updated: 3 people" for the live region. */
export const updatedText = (n: number) => `Updated: ${plural(n, 'person', 'people')}`;
