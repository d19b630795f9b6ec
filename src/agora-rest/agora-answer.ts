import type { AgoraAnswer, UpstreamDetail } from './agora-call.interface.js';
import { repeatsSecret, secretWindows } from './secret-forms.js';

/** Agora's answers are small JSON objects; a larger one is not an answer this client can use. */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** How much of Agora's `reason` or `message` a problem repeats. */
const MAX_TEXT = 300;
/** Request-body strings at least this long (tokens, storage keys) are never repeated from an answer. */
const MIN_SENSITIVE_LENGTH = 12;

/** An answer as read: its status, its JSON body (undefined when empty), and whether the body was JSON at all. */
export interface ReadAnswer extends AgoraAnswer<unknown> {
  readonly json: boolean;
}

/**
 * Reads an answer's body (at most 1 MiB, then the answer counts as unreadable) and parses it as JSON.
 * A read that fails (the timeout, a dropped connection) throws, as fetch itself would.
 */
export async function readAnswer(response: Response): Promise<ReadAnswer> {
  const text = await readCapped(response);
  if (text === undefined) return { status: response.status, body: undefined, json: false };
  if (text.trim() === '') return { status: response.status, body: undefined, json: true };
  try {
    return { status: response.status, body: JSON.parse(text) as unknown, json: true };
  } catch {
    return { status: response.status, body: undefined, json: false };
  }
}

async function readCapped(response: Response): Promise<string | undefined> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Agora's error code in a body, when it is a `{code: number}` object (Agora answers some failures 2xx with one). */
export function codeOf(body: unknown): number | undefined {
  const code = isObject(body) ? body.code : undefined;
  return typeof code === 'number' && Number.isFinite(code) ? code : undefined;
}

/**
 * What a problem may repeat of an error answer: Agora's status and whole-number `code`, and, when `freeText`, its
 * `reason` and `message` texts, shortened, with control characters removed, and withheld whole when they repeat
 * any of `sensitive` (see {@link sensitiveStrings}). A call whose body carries secrets (storage keys, tokens) passes
 * no free text at all: an answer could repeat them in any encoding.
 */
export function upstreamDetail(answer: ReadAnswer, sensitive: Sensitive, freeText = true): UpstreamDetail {
  const body = isObject(answer.body) ? answer.body : {};
  // Agora's codes are whole numbers; anything else is no code a caller could look up.
  const code = Number.isSafeInteger(body.code) ? (body.code as number) : undefined;
  const reason = freeText ? text(body.reason, sensitive) : undefined;
  const message = freeText ? text(body.message, sensitive) : undefined;
  return {
    status: answer.status,
    ...(code === undefined ? {} : { code }),
    ...(reason === undefined ? {} : { reason }),
    ...(message === undefined ? {} : { message }),
  };
}

/** What an answer's texts must not repeat: windows of every encoding of the credentials, and the body's strings as sent. */
export interface Sensitive {
  readonly windows: ReadonlySet<string>;
  readonly strings: readonly string[];
}

function text(value: unknown, sensitive: Sensitive): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (repeatsSecret(value, sensitive.windows) || sensitive.strings.some((secret) => value.includes(secret))) return '(withheld: it repeated part of the request)';
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean;
}

/**
 * What an answer must not be allowed to carry back: the Customer Secret and the Authorization value in every
 * encoding {@link secretForms} knows (any 12-character run of one, any case), and every long string of the
 * request body as sent (a call whose body holds secrets passes no free text at all: see upstreamDetail).
 */
export function sensitiveStrings(customerId: string, customerSecret: string, authorization: string, body: unknown): Sensitive {
  const windows = secretWindows([customerSecret, authorization, authorization.slice('Basic '.length), `${customerId}:${customerSecret}`]);
  const strings: string[] = [];
  collectStrings(body, strings);
  return { windows, strings };
}

function collectStrings(value: unknown, into: string[], depth = 0): void {
  if (depth > 16) return;
  if (typeof value === 'string') {
    if (value.length >= MIN_SENSITIVE_LENGTH) into.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into, depth + 1);
  } else if (isObject(value)) {
    for (const item of Object.values(value)) collectStrings(item, into, depth + 1);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
