import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeToken } from './decode-token.js';
import { decodeToken006 } from './decode-token-006.js';
import type { Env } from './test-app.js';

/** A configured project as the specs know it: its certificates included, to verify what was signed. */
export interface TestProject {
  name: string;
  appId: string;
  certificate: string;
  secondaryCertificate?: string;
}

/**
 * Three projects served side by side. `video` comes first, so it is the default; `chat.eu` keeps its
 * certificate in a file of its own (as a mounted secret) and has a secondary certificate, as during a rotation.
 */
export const VIDEO: TestProject = { name: 'video', appId: '5a0c1e9d2b7f4c3a8e6d1b0f9a2c4e71', certificate: '8d3f2a1c0b9e8d7c6b5a4f3e2d1c0b9a' };
export const CHAT_EU: TestProject = {
  name: 'chat.eu',
  appId: 'e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9',
  certificate: '1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f',
  secondaryCertificate: '6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c',
};
export const STUDIO: TestProject = { name: 'studio_us-2', appId: '0b1c2d3e4f5a69788796a5b4c3d2e1f9', certificate: 'a9b8c7d6e5f4031221304f5e6d7c8b9a' };
export const PROJECTS = [VIDEO, CHAT_EU, STUDIO];

/** Every certificate configured, by name (`video certificate`, `chat.eu secondary certificate`): for secretsFoundIn. */
export const CERTIFICATES: Record<string, string> = Object.fromEntries(
  PROJECTS.flatMap(({ name, certificate, secondaryCertificate }) => [
    [`${name} certificate`, certificate],
    ...(secondaryCertificate ? [[`${name} secondary certificate`, secondaryCertificate]] : []),
  ]),
);

/** The names (as in CERTIFICATES) of the configured certificates that verify a token. */
export function certificatesVerifying(token: SignedToken): string[] {
  return Object.entries(CERTIFICATES)
    .filter(([, certificate]) => token.verifies(certificate))
    .map(([name]) => name);
}

/** Writes `content` as AGORA_PROJECTS_FILE in a folder of its own, with `files` beside it; returns its path. */
export function writeProjectsFile(content: unknown, files: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'projects-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  const path = join(folder, 'projects.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/**
 * The environment serving PROJECTS from a projects file (chat.eu's certificate read from `chat-eu.cert`
 * beside it), with APP_ID and APP_CERTIFICATE unset as the two cannot be combined; the file is not
 * watched, so a spec's app never reloads under it.
 */
export function projectsEnv(): Env {
  const { certificate, ...chatEu } = CHAT_EU;
  const file = writeProjectsFile([VIDEO, { ...chatEu, certificateFile: 'chat-eu.cert' }, STUDIO], { 'chat-eu.cert': `${certificate}\n` });
  return { AGORA_PROJECTS_FILE: file, AGORA_PROJECTS_WATCH_SECONDS: '0', APP_ID: undefined, APP_CERTIFICATE: undefined };
}

/** What a spec needs of an issued token: the App ID it is for, and whether a certificate signed it. */
export interface SignedToken {
  appId: string;
  verifies(certificate: string): boolean;
}

/** One way to get a token from a /v1 route: a body that issues one, and how to read the token back. */
export interface TokenRouteCase {
  name: string;
  url: string;
  body: Record<string, unknown>;
  read(token: string): SignedToken;
}

const read007 = (token: string): SignedToken => decodeToken(token);
/** A 006 token holds checksums of its channel and uid, so checking it needs them. */
const read006 = (channel: string, uid: string) => (token: string) => {
  const decoded = decodeToken006(token);
  return { appId: decoded.appId, verifies: (certificate: string) => decoded.signs(certificate, channel, uid) };
};

/** A request for every /v1 token route and every variant that signs differently (kinds, formats, permissions). */
export const TOKEN_ROUTE_CASES: TokenRouteCase[] = [
  { name: 'rtc', url: '/v1/rtc/token', body: { channel: 'room', uid: 42 }, read: read007 },
  { name: 'rtc 006', url: '/v1/rtc/token', body: { channel: 'room', account: 'alice', format: '006' }, read: read006('room', 'alice') },
  { name: 'rtm', url: '/v1/rtm/token', body: { userId: 'alice', channel: 'live' }, read: read007 },
  { name: 'rtm 006', url: '/v1/rtm/token', body: { userId: 'alice', format: '006' }, read: read006('alice', '') },
  { name: 'rtm permissions', url: '/v1/rtm/token', body: { userId: 'alice', permissions: { messageChannels: { read: ['lobby'] } } }, read: read007 },
  { name: 'chat user', url: '/v1/chat/token', body: { userId: 'alice' }, read: read007 },
  { name: 'chat app', url: '/v1/chat/token', body: {}, read: read007 },
  { name: 'rtc-rtm', url: '/v1/rtc-rtm/token', body: { channel: 'room', uid: 42, rtmUserId: 'alice' }, read: read007 },
  { name: 'fpa', url: '/v1/fpa/token', body: {}, read: read007 },
  { name: 'classroom room user', url: '/v1/classroom/token', body: { roomUuid: 'math-101', userUuid: 'alice', role: 'student' }, read: read007 },
  { name: 'classroom user', url: '/v1/classroom/user-token', body: { userUuid: 'alice' }, read: read007 },
  { name: 'classroom app', url: '/v1/classroom/app-token', body: {}, read: read007 },
  { name: 'convoai', url: '/v1/convoai/token', body: { channel: 'room', uid: 1001 }, read: read007 },
  { name: 'stt', url: '/v1/stt/token', body: { channel: 'room', uid: 2001, rtmUserId: 'stt-bot' }, read: read007 },
];
