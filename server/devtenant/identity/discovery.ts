import express from 'express';
import type { IdentityState } from './state';

/** OIDC discovery (`openid-configuration`) and the keys document, per tenant id, domain or alias. */

function discovery(state: IdentityState, t: string) {
  const { opts } = state;
  const base = `${opts.issuerOrigin}/${t}`;
  const iss =
    t === 'common' || t === 'organizations' ? `${opts.issuerOrigin}/{tenantid}/v2.0` : state.issuer(t);
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: iss,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${opts.issuerOrigin}/oidc/userinfo`,
    authorization_endpoint: `${opts.browserOrigin}/${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${opts.browserOrigin}/${t}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    tenant_region_scope: 'NA',
    cloud_instance_name: new URL(opts.issuerOrigin).host,
    msgraph_host: new URL(opts.issuerOrigin).host,
  };
}

/** The tenant's id, one of its verified domains, or the multi-tenant aliases. */
const knownTenant = (state: IdentityState, t: string) =>
  t === state.tid ||
  t === 'common' ||
  t === 'organizations' ||
  t === state.opts.data.org.verifiedDomains.find((d) => d.name === t)?.name;

export function createDiscoveryRouter(state: IdentityState): express.Router {
  const router = express.Router();
  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const t = req.params.tenant;
    if (!knownTenant(state, t)) {
      res.status(400).json({
        error: 'invalid_tenant',
        error_description: `AADSTS90002: Tenant '${t}' not found.`,
        error_codes: [90002],
      });
      return;
    }
    res.json(discovery(state, t === 'common' || t === 'organizations' ? t : state.tid));
  });
  router.get('/:tenant/discovery/v2.0/keys', (req, res) => {
    if (!knownTenant(state, req.params.tenant)) {
      res.status(400).json({ error: 'invalid_tenant', error_codes: [90002] });
      return;
    }
    res.json(state.keys.jwks(`${state.opts.issuerOrigin}/{tenantid}/v2.0`));
  });
  return router;
}
