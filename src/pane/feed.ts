import type { TokenSource } from '../lib/api';
import type { OfficeLike } from '../hosts/office/types';
import { loadCards, type PeopleCardsResponse } from './api';
import { type PeopleState, watchPeople } from './office/recipients';

/** The set of people as the pane keys its requests: order does not matter, only who. */
export const setKey = (addresses: string[]) => [...addresses].sort().join(',');

export type PeopleWatcher = ReturnType<typeof watchPeople>;

/**
 * The item's people, followed from the moment Office is ready — before React has drawn anything —
 * with the cards for the first set already asked for. Reading the item and the first request then
 * overlap the pane's first render instead of waiting for it: the first card is on screen sooner.
 */
export interface PeopleFeed {
  watcher: PeopleWatcher;
  current(): PeopleState;
  subscribe(cb: (s: PeopleState) => void): () => void;
  /** The request already made for this set, taken once (a later change asks afresh). */
  takeEarly(key: string): Promise<PeopleCardsResponse> | undefined;
  stop(): void;
}

export function startPeopleFeed(office: OfficeLike, getToken: TokenSource): PeopleFeed {
  let state: PeopleState = { kind: 'loading' };
  let early: { key: string; cards: Promise<PeopleCardsResponse> } | null = null;
  let first = true;
  const listeners = new Set<(s: PeopleState) => void>();
  const watcher = watchPeople(office, {
    onState: (s) => {
      state = s;
      if (first && s.kind === 'item' && s.people.addresses.length) {
        first = false;
        const cards = loadCards(getToken, s.people.addresses);
        cards.catch(() => {}); // the pane shows the error when it takes the request
        early = { key: setKey(s.people.addresses), cards };
      }
      for (const l of listeners) l(s);
    },
  });
  return {
    watcher,
    current: () => state,
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    takeEarly(key) {
      if (!early || early.key !== key) return undefined;
      const { cards } = early;
      early = null;
      return cards;
    },
    stop: () => watcher.stop(),
  };
}
