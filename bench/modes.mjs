// The production modes the benchmark runs the service in, beside the one-key, in-memory mode: what each needs
// started or written first (a redis-server, a JWKS, a keys file of 10,000 keys, a projects file of 1,000).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { freePort } from './measure.mjs';

const folder = mkdtempSync(join(tmpdir(), 'bench-'));
const hex = (bytes) => randomBytes(bytes).toString('hex');

/** A keys file of `count` keys (digests only) and one of them, the last, for the load's X-API-Key. */
export function apiKeysFile(count) {
  const entries = Array.from({ length: count }, (_, i) => ({ id: `bench-${i}`, key: hex(32) }));
  const file = join(folder, `api-keys-${count}.json`);
  writeFileSync(file, JSON.stringify(entries.map(({ id, key }) => ({ id, sha256: createHash('sha256').update(key).digest('hex') }))));
  return { file, key: entries.at(-1).key };
}

/** A projects file of `count` projects with inline certificates, and the name of the last (the one the load names). */
export function projectsFile(count) {
  const projects = Array.from({ length: count }, (_, i) => ({ name: `project-${String(i).padStart(4, '0')}`, appId: hex(16), certificate: hex(16) }));
  const file = join(folder, `projects-${count}.json`);
  writeFileSync(file, JSON.stringify(projects));
  return { file, name: projects.at(-1).name };
}

/** A real redis-server on a free port, without persistence, as the compose file's Redis. */
export async function startRedis() {
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (server.exitCode !== null) throw new Error(`redis-server exited with ${server.exitCode}`);
    if (await answersPing(port)) break;
    if (attempt > 500) throw new Error('redis-server did not start');
    await sleep(10);
  }
  return { url, stop: () => server.kill() };
}

function answersPing(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.end('PING\r\n'));
    socket.once('data', (data) => resolve(String(data).startsWith('+PONG')));
  });
}

export const JWT_ISSUER = 'https://id.bench.test/';
export const JWT_AUDIENCE = 'agora-token-service';

/**
 * A JWKS on 127.0.0.1 publishing an ES256 and an RS256 key, and one end user's JWT signed with each: `sub` 42,
 * so the load's `uid: 42` is the caller's own, `channels` `bench-*` (checked, as JWT_CHANNELS_CLAIM is set), valid for an hour. Every request of a load sends the same JWT,
 * as a browser or app reuses its access token until it expires.
 */
export async function startJwks() {
  const keys = await Promise.all(
    ['ES256', 'RS256'].map(async (alg) => ({ alg, kid: `bench-${alg}`, ...(await generateKeyPair(alg, { extractable: true })) })),
  );
  const jwks = JSON.stringify({ keys: await Promise.all(keys.map(async ({ alg, kid, publicKey }) => ({ ...(await exportJWK(publicKey)), alg, kid, use: 'sig' }))) });
  const server = createServer((request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const tokens = {};
  for (const { alg, kid, privateKey } of keys) {
    tokens[alg] = await new SignJWT({ sub: '42', channels: ['bench-*'] })
      .setProtectedHeader({ alg, kid })
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  }
  return {
    env: { AUTH_MODE: 'jwt', JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`, JWT_ISSUER, JWT_AUDIENCE, JWT_CHANNELS_CLAIM: 'channels' },
    tokens,
    close: () => server.close(),
  };
}
