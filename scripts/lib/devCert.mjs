// The dev tenant's certificate, made if missing, and a CA bundle trusting it beside whatever the
// environment already trusts: what `npm start`, the benchmarks and the CLI give their child process.
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

export async function devTrustBundle() {
  const { ensureDevCertificate, trustBundle } = await tsImport(
    '../../server/devtenant/certs.ts',
    import.meta.url,
  );
  return trustBundle(ensureDevCertificate(path.resolve(process.env.DATA_DIR || 'data', 'certs')));
}
