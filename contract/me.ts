import { z } from 'zod';

/** A colleague as `GET /api/me` lists them, read from the directory through Graph. */
const directoryPerson = z.object({
  id: z.string(),
  displayName: z.string(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  mail: z.string().nullable(),
});

/** `GET /api/me`: you, your manager chain (nearest first) and your department. */
export const meResponse = z.object({
  tenant: z.object({ id: z.string(), displayName: z.string() }),
  user: directoryPerson.extend({ officeLocation: z.string().nullable() }),
  managerChain: z.array(directoryPerson),
  department: z.object({
    name: z.string().nullable(),
    members: z.array(directoryPerson.omit({ department: true })),
  }),
});

export type MeResponse = z.infer<typeof meResponse>;
