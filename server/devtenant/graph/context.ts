import type { DirectoryUser, TenantData } from '../model';
import type { GraphPrincipal } from '../principal';

/**
 * What every Graph route of the dev tenant shares. The core router (`graph/router.ts`) builds it
 * once and sets `res.locals.principal` (from the bearer token) before any resource route runs.
 */
export interface GraphContext {
  data: TenantData;
  /** The dev tenant's clock; tests move it. */
  clock: () => Date;
  /** Resolves 'me' (the principal), an object id, a UPN or a mail address; undefined when unknown. */
  resolveUser(idOrUpn: string, principal: GraphPrincipal): DirectoryUser | undefined;
}

declare module 'express-serve-static-core' {
  interface Locals {
    principal?: GraphPrincipal;
  }
}
