import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { ensureDevCertificate, trustBundle } from './server/devtenant/certs.ts';
import { chromiumExecutable } from './tests/browser/chromium.ts';

// Test processes call the dev tenant over HTTPS: trust its certificate the standard way. Node reads
// NODE_EXTRA_CA_CERTS at process start, so it is set here, before the forked workers start.
const cert = ensureDevCertificate(path.resolve('data/certs'));
const caFile = trustBundle(cert);
process.env.NODE_EXTRA_CA_CERTS = caFile;

// The browser suites' Chromium, found or unpacked once here so the workers inherit one path.
const chromePath = await chromiumExecutable();
if (chromePath) process.env.CHROME_PATH = chromePath;

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'src/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: {
      NODE_EXTRA_CA_CERTS: caFile,
      LOG_LEVEL: 'silent',
      ...(chromePath ? { CHROME_PATH: chromePath } : {}),
    },
  },
});
