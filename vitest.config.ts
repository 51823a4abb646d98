import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { ensureDevCertificate, trustBundle } from './server/devtenant/certs.ts';

// Test processes call the dev tenant over HTTPS: trust its certificate the standard way. Node reads
// NODE_EXTRA_CA_CERTS at process start, so it is set here, before the forked workers start.
const cert = ensureDevCertificate(path.resolve('data/certs'));
const caFile = trustBundle(cert);
process.env.NODE_EXTRA_CA_CERTS = caFile;

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'src/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_EXTRA_CA_CERTS: caFile, LOG_LEVEL: 'silent' },
  },
});
