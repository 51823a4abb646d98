import { z } from 'zod';
import type { TokenSource } from '../../lib/api';
import { type Loadable, useApi } from '../../lib/useApi';

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

/** The signed-in user's profile, manager chain and department; `reload` asks again (after consent). */
export function useMe(getToken: TokenSource): { me: Loadable<Me>; reload: () => void } {
  const { result, reload } = useApi(getToken, '/api/me', meSchema);
  return { me: result, reload };
}
