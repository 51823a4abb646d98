import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

interface SigningKey {
  kid: string;
  privateKey: PrivateKey;
  publicJwk: JWK;
  /** Retired keys stay published for a while so tokens they signed still validate. */
  retiredAt: number | null;
}

/** The dev tenant's RS256 signing keys, rotated on demand, published like Entra's keys document. */
export class KeyRing {
  private keys: SigningKey[] = [];

  static async create(): Promise<KeyRing> {
    const ring = new KeyRing();
    await ring.rotate();
    return ring;
  }

  /** Adds a new active key; the previous one is retired but stays published. */
  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomBytes(20).toString('base64url').slice(0, 27);
    const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
    for (const k of this.keys) k.retiredAt ??= Date.now();
    this.keys.push({ kid, privateKey, publicJwk, retiredAt: null });
    this.keys = this.keys.slice(-3);
    return kid;
  }

  /** Drops every key but the active one: tokens signed earlier stop validating. */
  revokeRetired(): void {
    this.keys = this.keys.filter((k) => k.retiredAt === null);
  }

  jwks(issuer: string): { keys: Array<JWK & { x5t: string; issuer: string }> } {
    return { keys: this.keys.map((k) => ({ ...k.publicJwk, kty: 'RSA', x5t: k.kid, issuer })) };
  }

  publicKeys(): JWK[] {
    return this.keys.map((k) => k.publicJwk);
  }

  async sign(payload: JWTPayload, header: Record<string, string> = {}): Promise<string> {
    const active = this.keys[this.keys.length - 1]!;
    return new SignJWT(payload)
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: active.kid, x5t: active.kid, ...header })
      .sign(active.privateKey);
  }
}
