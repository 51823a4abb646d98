import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import {
  bringResponse,
  personSuggestionResponse,
  sendResponse,
  slotsResponse,
  type SuggestionsResponse,
  suggestionsResponse,
} from '../../../contract/suggestions';
import { apiFetch, type TokenSource } from '../../lib/api';
import type { Loadable } from '../../lib/useApi';
import { sendJson } from '../../lib/useApi';

/** `GET /api/suggestions` and its actions, as the wire contract (contract/suggestions.ts) has them. */
export type {
  BringSuggestion,
  SentInvite,
  Slot,
  Suggestion,
  SuggestionsResponse,
} from '../../../contract/suggestions';

const BASE = '/api/suggestions';
const at = (id: string) => `${BASE}/${encodeURIComponent(id)}`;
const noContent = z.null();

/**
 * This week's suggestions, kept here so the view's actions change them in place (a send takes the
 * card away and adds the invite to Sent) while `reload` asks the server again without a skeleton.
 */
export function useSuggestions(getToken: TokenSource) {
  const [result, setResult] = useState<Loadable<SuggestionsResponse>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    let live = true;
    const mine = ++generation.current;
    loadSuggestions(getToken)
      .then((data) => live && mine === generation.current && setResult({ state: 'ready', data }))
      .catch(
        (error: unknown) =>
          live &&
          setResult((r) =>
            // A failed background reload keeps what is shown; a failed first load says so.
            r.state === 'ready'
              ? r
              : { state: 'error', error: error instanceof Error ? error : new Error(String(error)) },
          ),
      );
    return () => {
      live = false;
    };
  }, [getToken, attempt]);
  /** Changes the shown data at once (and drops any reload still running, which would undo it). */
  const update = useCallback((f: (d: SuggestionsResponse) => SuggestionsResponse) => {
    generation.current++;
    setResult((r) => (r.state === 'ready' ? { state: 'ready', data: f(r.data) } : r));
  }, []);
  const replace = useCallback((data: SuggestionsResponse) => {
    generation.current++;
    setResult({ state: 'ready', data });
  }, []);
  const retry = useCallback(() => {
    setResult((r) => (r.state === 'error' ? { state: 'loading' } : r));
    setAttempt((n) => n + 1);
  }, []);
  return { result, reload: retry, update, replace };
}

export const loadSuggestions = (getToken: TokenSource) => apiFetch(getToken, BASE, suggestionsResponse);

/** Prepares the week's suggestions again now. */
export const refreshSuggestions = (getToken: TokenSource) =>
  sendJson(getToken, `${BASE}/refresh`, 'POST', suggestionsResponse, {});

/** Sends the invite for one of the suggestion's slots (201), or fails with a problem's `code`. */
export const sendSuggestion = (getToken: TokenSource, id: string, start: string) =>
  sendJson(getToken, `${at(id)}/send`, 'POST', sendResponse, { start });

/** The next three free slots for the same suggestion. */
export const anotherTime = (getToken: TokenSource, id: string) =>
  sendJson(getToken, `${at(id)}/another`, 'POST', slotsResponse, {});

export type Scope = 'suggestion' | 'person';

export const snoozeSuggestion = (
  getToken: TokenSource,
  id: string,
  days: number,
  scope: Scope = 'suggestion',
) => sendJson(getToken, `${at(id)}/snooze`, 'POST', noContent, { days, scope });

export const dismissSuggestion = (getToken: TokenSource, id: string, scope: Scope) =>
  sendJson(getToken, `${at(id)}/dismiss`, 'POST', noContent, { scope });

/** A suggestion for one person, on demand (from the person panel or a due person). */
export const suggestFor = (getToken: TokenSource, address: string) =>
  sendJson(getToken, `${BASE}/for/${encodeURIComponent(address)}`, 'POST', personSuggestionResponse, {});

/** Brings the colleague to the meeting (the organiser's invite updated, or the invitation forwarded). */
export const addToMeeting = (getToken: TokenSource, id: string) =>
  sendJson(getToken, `${BASE}/bring/${encodeURIComponent(id)}/add`, 'POST', bringResponse, {});
