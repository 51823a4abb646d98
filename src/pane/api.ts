import type { MeetingBringResponse, PeopleCardsResponse } from '../../contract/pane';
import type { Stakeholder } from '../../contract/map';
import type { TokenSource } from '../lib/api';
import { type SenderLists, withSenderChoice } from '../lib/senderLists';
import { isAppreciation, isBring, isCards, isSettings, isStakeholder, paneFetch } from './http';

export type {
  MeetingBringResponse,
  PaneCard,
  PaneColleagueCard,
  PeopleCardsResponse,
} from '../../contract/pane';

/** The server takes up to 50 addresses at once; the summary covers the rest. */
export const MAX_ADDRESSES = 50;

const stakeholderPath = (address: string) => `/api/stakeholders/${encodeURIComponent(address)}`;

/** Everyone on the item in one request (Outlook allows 3 calls in flight, not one per person). */
export const loadCards = (getToken: TokenSource, addresses: string[]) =>
  paneFetch<PeopleCardsResponse>(
    getToken,
    '/api/people/cards',
    'POST',
    { addresses: addresses.slice(0, MAX_ADDRESSES) },
    isCards,
  );

/** Colleagues free for the meeting being organised. */
export const loadBring = (
  getToken: TokenSource,
  meeting: { start: string; end: string },
  attendees: string[],
) =>
  paneFetch<MeetingBringResponse>(
    getToken,
    '/api/suggestions/bring-for-meeting',
    'POST',
    { start: meeting.start, end: meeting.end, attendees: attendees.slice(0, 500) },
    isBring,
  );

const saveStakeholder = (getToken: TokenSource, address: string, method: 'PUT' | 'PATCH', body: object) =>
  paneFetch<Stakeholder>(getToken, stakeholderPath(address), method, body, isStakeholder);

export const addToMap = (getToken: TokenSource, address: string, why: string) =>
  saveStakeholder(getToken, address, 'PUT', { status: 'accepted', why: why.trim() || null });

/** Rates 1–5; someone not on the map yet is added first (as the tab does). */
export async function rate(getToken: TokenSource, address: string, selfRating: number, onMap: boolean) {
  if (!onMap) await saveStakeholder(getToken, address, 'PUT', { status: 'accepted' });
  return paneFetch<Stakeholder>(
    getToken,
    `${stakeholderPath(address)}/rating`,
    'PUT',
    { selfRating },
    isStakeholder,
  );
}

export const saveNote = (getToken: TokenSource, address: string, notes: string) =>
  saveStakeholder(getToken, address, 'PATCH', { notes: notes.trim() || null });

export const logAppreciation = (getToken: TokenSource, address: string, note: string) =>
  paneFetch(
    getToken,
    `${stakeholderPath(address)}/appreciations`,
    'POST',
    { note: note.trim() },
    isAppreciation,
  );

/**
 * An address the map leaves out as automated counts as a colleague from now on (the undo Settings
 * offers too): the two lists are read afresh and patched, so the rest of the settings stay as they are.
 */
export async function countAsColleague(getToken: TokenSource, address: string) {
  const now = await paneFetch<SenderLists>(getToken, '/api/settings', 'GET', undefined, isSettings);
  await paneFetch(
    getToken,
    '/api/settings',
    'PATCH',
    withSenderChoice(now, address, 'countAsColleagues'),
    isSettings,
  );
}
