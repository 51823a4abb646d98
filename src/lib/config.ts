import { z } from 'zod';

/** What the page reads from its URL, parsed once: host hints and a theme override for tests. */
const schema = z.object({
  host: z.enum(['teams', 'outlook', 'standalone']).optional(),
  theme: z.enum(['light', 'dark', 'contrast']).optional(),
  signinError: z.string().optional(),
});
export type PageConfig = z.infer<typeof schema>;

export function readPageConfig(search = window.location.search): PageConfig {
  const q = new URLSearchParams(search);
  const parsed = schema.safeParse({
    host: q.get('host') ?? undefined,
    theme: q.get('theme') ?? undefined,
    signinError: q.get('signin_error') ?? undefined,
  });
  return parsed.success ? parsed.data : {};
}
