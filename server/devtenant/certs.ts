import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/**
 * A self-signed certificate for the dev tenant's HTTPS listener on loopback.
 *
 * The Graph SDK only attaches tokens to HTTPS hosts and MSAL refuses plain-HTTP authorities, so the
 * dev tenant must speak TLS. Processes that call it trust this certificate through the standard
 * NODE_EXTRA_CA_CERTS (read at process start), which `scripts/start.mjs` and the test config set —
 * the same mechanism an enterprise uses behind a TLS-inspecting proxy.
 */
export interface DevCertificate {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
}

const NAMES = ['localhost', '127.0.0.1', '::1'];

/** Returns the certificate under `dir`, creating it the first time (synchronous: ~50 ms). */
export function ensureDevCertificate(dir: string): DevCertificate {
  const certPath = path.join(dir, 'devtenant-cert.pem');
  const keyPath = path.join(dir, 'devtenant-key.pem');
  if (fs.existsSync(certPath) && fs.existsSync(keyPath)) {
    const cert = fs.readFileSync(certPath, 'utf8');
    if (stillValid(cert)) return { certPath, keyPath, cert, key: fs.readFileSync(keyPath, 'utf8') };
  }
  fs.mkdirSync(dir, { recursive: true });
  const { cert, key } = createCertificate();
  // Write to temporary names and rename, so concurrent starters never read half a file.
  const tmp = randomBytes(4).toString('hex');
  fs.writeFileSync(`${keyPath}.${tmp}`, key, { mode: 0o600 });
  fs.writeFileSync(`${certPath}.${tmp}`, cert);
  fs.renameSync(`${keyPath}.${tmp}`, keyPath);
  fs.renameSync(`${certPath}.${tmp}`, certPath);
  return { certPath, keyPath, cert, key };
}

function stillValid(pem: string): boolean {
  try {
    const c = forge.pki.certificateFromPem(pem);
    return c.validity.notAfter.getTime() > Date.now() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

function createCertificate(): { cert: string; key: string } {
  // Node generates the key (fast, native); forge only assembles the X.509 structure.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pubPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pubPem);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 825 * 24 * 3600 * 1000);
  // A unique subject per certificate: several dev certificates may be trusted at once (one per data
  // folder), and TLS libraries find a trust anchor by its subject name.
  const subject = [
    { name: 'commonName', value: 'localhost' },
    { name: 'organizationName', value: `Rapport dev tenant ${randomBytes(6).toString('hex')}` },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'subjectAltName',
      altNames: NAMES.map((n) => (/^[\d.:]+$/.test(n) ? { type: 7, ip: n } : { type: 2, value: n })),
    },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keyPem };
}

/**
 * The file to put in NODE_EXTRA_CA_CERTS: the dev certificate plus whatever that variable already
 * named (machines often point it at the system bundle), so trusting the dev tenant drops nothing.
 */
export function trustBundle(
  cert: DevCertificate,
  existing: string | undefined = process.env.NODE_EXTRA_CA_CERTS,
): string {
  if (!existing || existing === cert.certPath || !fs.existsSync(existing)) return cert.certPath;
  const current = fs.readFileSync(existing, 'utf8');
  if (current.includes(cert.cert.trim())) return existing; // already trusted (e.g. a child process)
  const bundlePath = path.join(path.dirname(cert.certPath), 'trust-bundle.pem');
  const content = `${current.trimEnd()}\n${cert.cert}`;
  if (!fs.existsSync(bundlePath) || fs.readFileSync(bundlePath, 'utf8') !== content) {
    const tmp = `${bundlePath}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, bundlePath);
  }
  return bundlePath;
}
