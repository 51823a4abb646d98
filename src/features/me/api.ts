import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { type ApiError, apiFetch, type TokenSource } from '../../lib/api';

const person = z.object({
  id: z.string(),
  displayName: z.string(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  mail: z.string().nullable(),
});
export const meSchema = z.object({
  tenant: z.object({ id: z.string(), displayName: z.string() }),
  user: person.extend({ officeLocation: z.string().nullable() }),
  managerChain: z.array(person),
  department: z.object({ name: z.string().nullable(), members: z.array(person.omit({ department: true })) }),
});
export type Me = z.infer<typeof meSchema>;

export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: ApiError | Error };

export function useMe(getToken: TokenSource): { me: Loadable<Me>; reload: () => void } {
  const [me, setMe] = useState<Loadable<Me>>({ state: 'loading' });
  const [_attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setMe({ state: 'loading' });
    apiFetch(getToken, '/api/me', meSchema)
      .then((data) => live && setMe({ state: 'ready', data }))
      .catch(
        (error: unknown) =>
          live && setMe({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
      );
    return () => {
      live = false;
    };
  }, [getToken]);
  return { me, reload: useCallback(() => setAttempt((n) => n + 1), []) };
}
