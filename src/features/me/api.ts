import { type MeResponse, meResponse } from '../../../contract/me';
import type { TokenSource } from '../../lib/api';
import { type Loadable, useApi } from '../../lib/useApi';

/** `GET /api/me`, as the wire contract (contract/me.ts) has it. */
export type Me = MeResponse;

/** The signed-in user's profile, manager chain and department; `reload` asks again (after consent). */
export function useMe(getToken: TokenSource): { me: Loadable<Me>; reload: () => void } {
  const { result, reload } = useApi(getToken, '/api/me', meResponse);
  return { me: result, reload };
}
