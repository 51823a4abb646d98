import type { MeetingBringResponse, PeopleCardsResponse } from '../../contract/pane';
import type { Stakeholder } from '../../contract/map';
import type { TokenSource } from '../lib/api';

/**
 * The pane's calls to Rapport's API. Like src/lib/api.ts (a bearer token from the host, one retry
 * with a fresh token after a 401, problem+json errors) but without zod: the pane's first download
 * stays under its budget, and the answers' types come from the same wire contract the server is
 * checked against (`satisfies z.input<…>` in the routes, contract tests). Shapes are checked
 * lightly here.
 */
export class PaneApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | null,
    readonly code: string | null,
  ) {
    super(detail ?? title);
    this.name = 'PaneApiError';
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

export async function paneFetch<T>(
  getToken: TokenSource,
  path: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  body: unknown,
  check: (v: unknown) => boolean,
): Promise<T> {
  const attempt = async (forceRefresh: boolean) =>
    fetch(path, {
      method,
      body: method === 'GET' ? undefined : JSON.stringify(body),
      headers: {
        authorization: `Bearer ${await getToken({ forceRefresh })}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
    });
  let res = await attempt(false);
  if (res.status === 401) res = await attempt(true);
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const p = (json ?? {}) as Record<string, unknown>;
    throw new PaneApiError(res.status, str(p.title) ?? res.statusText, str(p.detail), str(p.code));
  }
  if (!check(json))
    throw new PaneApiError(res.status, 'Unexpected answer from Rapport', null, 'bad_response');
  return json as T;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';
export const isCards = (v: unknown): v is PeopleCardsResponse =>
  isObject(v) && Array.isArray(v.cards) && isObject(v.summary) && typeof v.asOf === 'string';
export const isBring = (v: unknown): v is MeetingBringResponse => isObject(v) && Array.isArray(v.colleagues);
export const isStakeholder = (v: unknown): v is Stakeholder => isObject(v) && typeof v.address === 'string';
export const isSettings = (v: unknown): v is { countAsColleagues: string[]; markedAutomated: string[] } =>
  isObject(v) && Array.isArray(v.countAsColleagues) && Array.isArray(v.markedAutomated);
export const isAppreciation = (v: unknown): v is { id: string; at: string; note: string } =>
  isObject(v) && typeof v.id === 'string';
