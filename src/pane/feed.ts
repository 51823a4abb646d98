import type { TokenSource } from '../lib/api';
import type { OfficeLike } from '../hosts/office/types';
import { loadCards, type PeopleCardsResponse } from './api';
import { type PeopleState, watchPeople } from './office/recipients';

/** The set of people as the pane keys its requests: order does not matter, only who. */
export const setKey = (addresses: string[]) => [...addresses].sort().join(',');

export type PeopleWatcher = ReturnType<typeof watchPeople>;

/**
 * The item's people, followed from the moment Office is ready — before React has drawn anything —
 * with the cards for the first set already asked for. The page draws its shell once that request
 * is on its way (`settled`), so the shell's render fills the wait for the answer instead of
 * delaying the request: the first card is on screen sooner.
 */
export interface PeopleFeed {
  watcher: PeopleWatcher;
  current(): PeopleState;
  subscribe(cb: (s: PeopleState) => void): () => void;
  /** Settles once the first state is known and, if it has people, their request is on its way. */
  settled: Promise<void>;
  /** The request already made for this set, taken once (a later change asks afresh). */
  takeEarly(key: string): Promise<PeopleCardsResponse> | undefined;
  stop(): void;
}

export function startPeopleFeed(office: OfficeLike, getToken: TokenSource): PeopleFeed {
  let state: PeopleState = { kind: 'loading' };
  let early: { key: string; cards: Promise<PeopleCardsResponse> } | null = null;
  let first = true;
  const listeners = new Set<(s: PeopleState) => void>();
  let settle = () => {};
  const settled = new Promise<void>((r) => (settle = r));
  const watcher = watchPeople(office, {
    onState: (s) => {
      state = s;
      if (first && s.kind !== 'loading') {
        first = false;
        if (s.kind === 'item' && s.people.addresses.length) {
          // Settled once the token is in hand: the request goes out in the same turn.
          const token: TokenSource = async (o) => {
            try {
              return await getToken(o);
            } finally {
              queueMicrotask(settle);
            }
          };
          const cards = loadCards(token, s.people.addresses);
          cards.catch(() => {}); // the pane shows the error when it takes the request
          early = { key: setKey(s.people.addresses), cards };
        } else settle();
      }
      for (const l of listeners) l(s);
    },
  });
  return {
    watcher,
    settled,
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
