import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const JWT_ISSUER = 'https://id.example.test/';
export const JWT_AUDIENCE = 'agora-token-service';

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/**
 * A real JWKS endpoint on 127.0.0.1, serving the public halves of keys made
 * with jose, and a signer for end-user JWTs. `stranger` signs with a key the
 * JWKS does not publish. `publish` and `withdraw` rotate the published keys.
 */
export class JwksServer {
  /** When set, the endpoint answers this status instead of the key set. */
  failWith?: number;
  /** How many times the key set was fetched. */
  fetches = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly keys: SigningKey[],
    readonly stranger: SigningKey,
  ) {}

  static async start(): Promise<JwksServer> {
    const keys = [await signingKey('rsa-1', 'RS256'), await signingKey('ec-1', 'ES256')];
    const stranger = await signingKey('rsa-1', 'RS256');
    let instance: JwksServer | undefined;
    const server = createServer(async (request, response) => {
      instance!.fetches++;
      if (instance!.failWith) {
        response.writeHead(instance!.failWith).end();
        return;
      }
      const jwks = { keys: await Promise.all(instance!.keys.map(publicJwk)) };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    instance = new JwksServer(server, `http://127.0.0.1:${port}/.well-known/jwks.json`, keys, stranger);
    return instance;
  }

  /** The environment that makes the app verify JWTs against this server. */
  env(mode = 'jwt'): Record<string, string> {
    return { AUTH_MODE: mode, JWT_JWKS_URL: this.url, JWT_ISSUER, JWT_AUDIENCE };
  }

  /** A JWT valid for 10 minutes (or `expiresIn`; false for none), signed with a published key unless `key` says otherwise. */
  sign(
    claims: JWTPayload,
    options: { key?: SigningKey; expiresIn?: string | number | false; alg?: 'RS256' | 'ES256' } = {},
  ): Promise<string> {
    const key = options.key ?? this.keys.find(({ alg }) => alg === (options.alg ?? 'RS256'))!;
    const jwt = new SignJWT({ iss: JWT_ISSUER, aud: JWT_AUDIENCE, ...claims })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setIssuedAt();
    if (options.expiresIn !== false) jwt.setExpirationTime(options.expiresIn ?? '10m');
    return jwt.sign(key.privateKey);
  }

  /** Makes a new key and publishes it beside the others (a rotation's first step); sign with it through `key`. */
  async publish(kid: string, alg: 'RS256' | 'ES256' = 'ES256'): Promise<SigningKey> {
    const key = await signingKey(kid, alg);
    this.keys.push(key);
    return key;
  }

  /** Stops publishing the key with this kid (a rotation's last step); tokens it signed no longer verify once the service refetches. */
  withdraw(kid: string): void {
    const index = this.keys.findIndex((key) => key.kid === kid);
    if (index < 0) throw new Error(`no published key ${kid}`);
    this.keys.splice(index, 1);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function signingKey(kid: string, alg: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicKey };
}

async function publicJwk({ kid, alg, publicKey }: SigningKey) {
  return { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
}

/** An unsigned token (`alg: none`), as an attacker would forge one. */
export function unsecuredJwt(claims: JWTPayload): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}
