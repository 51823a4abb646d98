import express from 'express';
import { z } from 'zod';
import type { IdentityState } from './state';

/** Faults on demand for tests and demos: withdrawn consent, required MFA, key rotation. */

/** Withdraws consent for one Graph scope, or for all of them when scope is ''. */
export function revokeConsent(state: IdentityState, userId: string, scope: string) {
  const s = state.revoked.get(userId) ?? new Set<string>();
  // No scope named: every Graph permission any registered app asks for (a user who never consented).
  const scopes = scope ? [scope] : state.opts.apps.flatMap((a) => a.graphScopes);
  for (const x of scopes) s.add(x.toLowerCase());
  state.revoked.set(userId, s);
}

export function requireMfa(state: IdentityState, userId: string, required: boolean) {
  if (required) state.mfaRequired.add(userId);
  else state.mfaRequired.delete(userId);
}

const userScope = z.object({
  userId: z.string(),
  scope: z.string().optional(),
  required: z.boolean().optional(),
});

/** Mounted by the server under /_devtenant/identity (JSON bodies). */
export function createControlRouter(state: IdentityState): express.Router {
  const control = express.Router();
  control.post('/revoke-consent', (req, res) => {
    const p = userScope.parse(req.body);
    revokeConsent(state, p.userId, p.scope ?? '');
    res.status(204).end();
  });
  control.post('/restore-consent', (req, res) => {
    state.revoked.delete(userScope.parse(req.body).userId);
    res.status(204).end();
  });
  control.post('/require-mfa', (req, res) => {
    const p = userScope.parse(req.body);
    requireMfa(state, p.userId, p.required ?? true);
    res.status(204).end();
  });
  control.post('/rotate-keys', async (_req, res) => {
    res.json({ kid: await state.keys.rotate() });
  });
  return control;
}
