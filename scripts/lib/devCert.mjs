// The dev tenant's certificate, made if missing, and a CA bundle trusting it beside whatever the
// environment already trusts: what `npm start`, the benchmarks and the CLI give their child process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

export async function devTrustBundle() {
  const { ensureDevCertificate, trustBundle } = await tsImport(
    '../../server/devtenant/certs.ts',
    import.meta.url,
  );
  return trustBundle(ensureDevCertificate(path.resolve(process.env.DATA_DIR || 'data', 'certs')));
}

/** Runs a TypeScript entry point (through tsx) with the dev certificate trusted; exits with its status. */
export async function runTrustedTs(entry, args) {
  const bundle = await devTrustBundle();
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: bundle,
      LOG_LEVEL: process.env.LOG_LEVEL || 'silent',
    },
  });
  process.exit(r.status ?? 1);
}
