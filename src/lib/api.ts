import { z } from 'zod';

/** An API failure as the server describes it (problem+json), typed for the UI. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | null,
    readonly code: string | null,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
  get needsConsent(): boolean {
    return this.code === 'consent_required';
  }
  get needsInteraction(): boolean {
    return this.code === 'interaction_required' || this.code === 'signin_required';
  }
}

const problem = z.object({
  title: z.string().default('Request failed'),
  detail: z.string().optional(),
  code: z.string().optional(),
});

export type TokenSource = (opts?: { forceRefresh?: boolean }) => Promise<string>;

/** Calls Rapport's API with the host's token; one retry with a fresh token after a 401. */
export async function apiFetch<T>(
  getToken: TokenSource,
  path: string,
  schema: z.ZodType<T>,
  init: RequestInit = {},
): Promise<T> {
  const attempt = async (forceRefresh: boolean) => {
    const token = await getToken({ forceRefresh });
    return fetch(path, {
      ...init,
      headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}`, accept: 'application/json' },
    });
  };
  let res = await attempt(false);
  if (res.status === 401) res = await attempt(true);
  if (!res.ok) {
    const body = problem.safeParse(await res.json().catch(() => ({})));
    const p = body.success ? body.data : { title: res.statusText, detail: undefined, code: undefined };
    throw new ApiError(res.status, p.title, p.detail ?? null, p.code ?? null);
  }
  // 204 No Content (a DELETE): nothing to parse.
  return schema.parse(res.status === 204 ? null : await res.json());
}
