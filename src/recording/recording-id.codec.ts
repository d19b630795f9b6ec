import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { RECORDING_MODES, type RecordingHandle, type RecordingMode } from './recording-handle.js';

/** The HKDF `info` that makes a recording-id key from a project's Customer Secret: a key for nothing else. */
const KEY_INFO = 'agora-token-service recording id v1';
const VERSION = 1;
/** Far above any real handle once inflated (Agora's resourceIds are a few hundred characters). */
const MAX_PAYLOAD_BYTES = 4096;
/** A signed id: the deflated handle and its HMAC, both base64url. Under the router's 1024-character path parameter. */
const ID_SHAPE = /^([A-Za-z0-9_-]{8,960})\.([A-Za-z0-9_-]{43})$/;

/**
 * The key that signs a project's recording ids: HKDF-SHA256 of its Customer Secret, salted with its App ID. Every
 * replica with the same configuration derives the same key, so an id made by one is good on all and after a
 * restart; rotating the Customer Secret makes the ids of running recordings unusable (stop them first).
 */
export function recordingIdKey(appId: string, customerSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', customerSecret, appId.toLowerCase(), KEY_INFO, 32));
}

/**
 * The opaque id of a recording: the handle, deflated (Agora's resourceId is base64 text, which deflate brings back
 * to about its bytes) and base64url-encoded, then `.` and its HMAC-SHA256 under the project's key.
 *
 * @example
 * const id = sealRecordingId(handle, recordingIdKey(project.appId, secret)); // "pZDBbsIw….Xq3…"
 */
export function sealRecordingId(handle: RecordingHandle, key: Buffer): string {
  const { project, mode, channel, uid, resourceId, sid, owner, startedAt } = handle;
  const payload = deflateRawSync(Buffer.from(JSON.stringify([VERSION, project, mode, channel, uid, resourceId, sid, owner, startedAt]))).toString(
    'base64url',
  );
  return `${payload}.${mac(payload, key)}`;
}

/**
 * The project an id names, read before its signature can be checked (the key is the project's), or undefined
 * for anything that is not an id's shape. Nothing else of it may be trusted until {@link openRecordingId}.
 */
export function projectNamedBy(id: string): string | undefined {
  return unpack(id)?.project;
}

/** The handle a genuine id carries, or undefined when the id is malformed or its signature is not `key`'s. */
export function openRecordingId(id: string, key: Buffer): RecordingHandle | undefined {
  const match = ID_SHAPE.exec(id);
  if (!match) return undefined;
  // Compared as text: base64url's last character has spare bits, so two spellings can decode to the same bytes.
  const expected = Buffer.from(mac(match[1], key));
  const given = Buffer.from(match[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return unpack(id);
}

function mac(payload: string, key: Buffer): string {
  return createHmac('sha256', key).update(`rec${VERSION}.${payload}`).digest('base64url');
}

function unpack(id: string): RecordingHandle | undefined {
  const match = ID_SHAPE.exec(id);
  if (!match) return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(inflateRawSync(Buffer.from(match[1], 'base64url'), { maxOutputLength: MAX_PAYLOAD_BYTES }).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields) || fields.length !== 9 || fields[0] !== VERSION) return undefined;
  const [, project, mode, channel, uid, resourceId, sid, owner, startedAt] = fields as unknown[];
  const texts = [project, channel, uid, resourceId, sid, owner];
  if (!texts.every((text) => typeof text === 'string' && text !== '')) return undefined;
  if (!RECORDING_MODES.includes(mode as RecordingMode) || !Number.isSafeInteger(startedAt)) return undefined;
  return { project, mode, channel, uid, resourceId, sid, owner, startedAt } as RecordingHandle;
}
