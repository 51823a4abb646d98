import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { type ApiError, apiFetch, type TokenSource } from './api';

export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: ApiError | Error };

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/** GETs `path` with the host's token, validated by `schema`; `reload` fetches again. */
export function useApi<T>(
  getToken: TokenSource,
  path: string,
  schema: z.ZodType<T>,
): { result: Loadable<T>; reload: () => void } {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    // Keep showing the previous data while a reload runs; only the first load shows a skeleton.
    setResult((r) => (r.state === 'ready' ? r : { state: 'loading' }));
    apiFetch(getToken, path, schema)
      .then((data) => live && setResult({ state: 'ready', data }))
      .catch((error: unknown) => live && setResult({ state: 'error', error: asError(error) }));
    return () => {
      live = false;
    };
  }, [getToken, path, schema, attempt]);
  return { result, reload: useCallback(() => setAttempt((n) => n + 1), []) };
}

/** Sends a JSON body (PUT/PATCH/POST/DELETE) and returns the parsed answer. */
export function sendJson<T>(
  getToken: TokenSource,
  path: string,
  method: 'PUT' | 'PATCH' | 'POST' | 'DELETE',
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<T> {
  return apiFetch(getToken, path, schema, {
    method,
    ...(body !== undefined
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
}
