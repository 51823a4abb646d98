/** Who calls the dev tenant's Graph surface, from a Graph access token the dev tenant issued. */
export interface GraphPrincipal {
  tid: string;
  /** The signed-in user's object id; `/me` resolves to it. */
  oid: string;
  /** Delegated scopes from `scp` (e.g. 'User.Read', 'Mail.ReadBasic'); empty for app-only tokens. */
  scopes: string[];
  /** Application permissions from `roles` (app-only tokens). */
  roles: string[];
  /** The client application (`azp`/`appid`): throttling budgets are per app per mailbox. */
  appId: string;
}

/** Verifies the request's bearer token; rejects with a Graph-shaped 401 error when it is bad. */
export type GraphAuthenticator = (authorizationHeader: string | undefined) => Promise<GraphPrincipal>;
