import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Far above any real id's content once inflated (Agora ids, a channel, a region, a stream key). */
const MAX_PLAIN_BYTES = 4096;
/** The router takes path parameters up to 1024 characters; an id must fit with room to spare. */
export const MAX_SEALED_ID_LENGTH = 1000;
/** `<project name, base64url>.<iv, ciphertext and tag, base64url>`. */
const ID_SHAPE = /^([A-Za-z0-9_-]{1,120})\.([A-Za-z0-9_-]{40,900})$/;

/** What a sealed id holds: whose it is and the service's own data (Agora's ids, the channel, a region…). */
export interface SealedContent<T> {
  readonly owner: string;
  readonly data: T;
}

/**
 * The key that seals one service's ids for one project: HKDF-SHA256 of the project's Customer Secret, salted with
 * its App ID, for that service alone. Every replica with the same configuration derives it, so an id made by one
 * opens on all and after a restart; rotating the Customer Secret makes older ids unusable (end what they name first).
 */
export function sealingKey(service: string, appId: string, customerSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', customerSecret, appId.toLowerCase(), `agora-token-service ${service} id v${VERSION}`, 32));
}

/**
 * An opaque, URL-safe id: the project's name (read first, as the key is the project's), then the content deflated
 * and encrypted with AES-256-GCM, the service and project bound in as associated data. Encrypted, not only signed:
 * an id may carry what must not be read from a URL or a log line (a stream key), and it tells nobody a channel's name.
 *
 * @example
 * const id = sealId('media-push', 'default', { owner, data: { converterId, region, channel } }, key);
 */
export function sealId<T>(service: string, project: string, content: SealedContent<T>, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(associated(service, project));
  const plain = deflateRawSync(Buffer.from(JSON.stringify([VERSION, content.owner, content.data])));
  const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return `${Buffer.from(project).toString('base64url')}.${sealed.toString('base64url')}`;
}

/** The project an id names, or undefined for anything not an id's shape. Nothing else of it is known before opening. */
export function projectOfSealedId(id: string): string | undefined {
  const match = ID_SHAPE.exec(id);
  if (!match || !canonical(match[1]) || !canonical(match[2])) return undefined;
  return Buffer.from(match[1], 'base64url').toString('utf8');
}

/**
 * Whether `part` is the one base64url spelling of its bytes: a last character's spare bits are ignored by the decoder,
 * so other spellings would open as the same id, and an altered id must never open.
 */
function canonical(part: string): boolean {
  return Buffer.from(part, 'base64url').toString('base64url') === part;
}

/** What a genuine id of `service` holds, or undefined (malformed, tampered, another key's, another service's). */
export function openSealedId<T>(service: string, id: string, key: Buffer): SealedContent<T> | undefined {
  const project = projectOfSealedId(id);
  if (project === undefined) return undefined;
  const sealed = Buffer.from(ID_SHAPE.exec(id)![2], 'base64url');
  if (sealed.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES)).setAAD(associated(service, project));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    const fields: unknown = JSON.parse(inflateRawSync(plain, { maxOutputLength: MAX_PLAIN_BYTES }).toString('utf8'));
    if (!Array.isArray(fields) || fields.length !== 3 || fields[0] !== VERSION || typeof fields[1] !== 'string') return undefined;
    return { owner: fields[1], data: fields[2] as T };
  } catch {
    return undefined;
  }
}

function associated(service: string, project: string): Buffer {
  return Buffer.from(`${service}\n${project}`);
}
