import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CreateAppOptions } from '../../src/app.factory.js';
import { newApiKey, writeApiKeysFile, type TestKey } from './api-keys.js';
import { FakeAgora, type FakeAnswer, type FakeCredentials, type FakeResponder, type RecordedRequest } from './fake-agora.js';
import { createTestApp, type Env } from './test-app.js';

const BASE = '^/(?<region>na|eu|ap|cn)/v1/projects/(?<appId>[0-9A-Fa-f]{32})/rtls/ingress/streamkeys';
/** Agora's Media Gateway stream-key paths, as the fake serves them (an unknown region matches none: 404 "no Route matched"). */
export const STREAM_KEY_PATHS = {
  create: new RegExp(`${BASE}$`),
  query: new RegExp(`${BASE}/(?<key>[^/]+)$`),
  delete: new RegExp(`${BASE}/(?<key>[^/]+)$`),
} as const;
export type StreamKeyOperation = keyof typeof STREAM_KEY_PATHS;
const METHODS: Record<StreamKeyOperation, string> = { create: 'POST', query: 'GET', delete: 'DELETE' };

/** A key the fake holds. */
export interface FakeStreamKey {
  readonly streamKey: string;
  readonly appId: string;
  readonly region: string;
  readonly channel: string;
  readonly uid: string;
  readonly expiresAfter: number;
  /** Unix seconds. */
  readonly createdAt: number;
  deleted: boolean;
}

/** Agora's channel and string-uid characters (its 89). */
const AGORA_TEXT = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]*$/;
const message = (status: number, text: string): FakeAnswer => ({ status, body: { message: text } });
const NOT_FOUND = message(404, 'Resource not found and destroyed.');

/**
 * Agora's Media Gateway stream-key API played on the generic FakeAgora: create (`{settings: {channel, uid,
 * expiresAfter}}`, Agora's 400s for bad settings, "Streaming key exists in region:…" for a second live key of one
 * channel and uid), query and delete by key (404 once deleted or expired; 403 for another App ID's key), in the four
 * regions. `nowSeconds` is the fake's clock, so specs can let keys expire. Specs script more (slow, failing, echoing
 * answers) with {@link on}, whose answers may end with the fake's own responder.
 */
export class FakeAgoraStreamKeys {
  readonly keys = new Map<string, FakeStreamKey>();
  nowSeconds = (): number => Math.floor(Date.now() / 1000);

  constructor(readonly agora: FakeAgora) {
    for (const operation of ['create', 'query', 'delete'] as const) agora.on(METHODS[operation], STREAM_KEY_PATHS[operation], this.responder(operation));
  }

  static async start(credentials: readonly FakeCredentials[] = [STREAM_KEY_SECRETS]): Promise<FakeAgoraStreamKeys> {
    return new FakeAgoraStreamKeys(await FakeAgora.start(credentials));
  }

  get url(): string {
    return this.agora.url;
  }

  /** Scripts answers for one operation before the fake's own (which `this.responder(operation)` gives, to end with). */
  on(operation: StreamKeyOperation, ...answers: FakeResponder[]): this {
    this.agora.on(METHODS[operation], STREAM_KEY_PATHS[operation], ...answers);
    return this;
  }

  /** The fake's own answer to an operation. */
  responder(operation: StreamKeyOperation): FakeResponder {
    return (request) => (operation === 'create' ? this.create(request) : this.byKey(request, operation));
  }

  /**
   * A creation Agora carries out whose answer is lost: the key exists, and the caller gets `then` instead (a broken
   * connection, a late answer, or a 504 from Agora's gateway, which gave up waiting on the service behind it).
   */
  createsThen(then: FakeAnswer): FakeResponder {
    return (request) => {
      this.create(request);
      return then;
    };
  }

  /** The requests of one operation, in order. */
  requests(operation: StreamKeyOperation): RecordedRequest[] {
    return this.agora.requestsTo(STREAM_KEY_PATHS[operation]).filter((request) => request.method === METHODS[operation]);
  }

  /** The live keys (not deleted, not expired). */
  live(): FakeStreamKey[] {
    return [...this.keys.values()].filter((key) => this.isLive(key));
  }

  close(): Promise<void> {
    return this.agora.close();
  }

  private create({ params, body }: RecordedRequest): FakeAnswer {
    const settings = (body as { settings?: Record<string, unknown> } | undefined)?.settings;
    const { channel, uid, expiresAfter } = settings ?? {};
    if (typeof channel !== 'string' || typeof uid !== 'string' || !Number.isSafeInteger(expiresAfter) || (expiresAfter as number) < 0) {
      return message(400, 'Invalid settings.');
    }
    if (!AGORA_TEXT.test(channel) || Buffer.byteLength(channel) >= 64) return message(400, "Invalid 'channel' format.");
    if (!AGORA_TEXT.test(uid) || Buffer.byteLength(uid) > 255 || (channel === '' && (uid === '' || uid === '0'))) return message(400, 'Invalid settings.');
    const taken = this.live().find((key) => key.appId === params.appId && key.channel === channel && key.uid === uid);
    if (taken) return message(400, `Streaming key exists in region:${taken.region}.`);
    const key: FakeStreamKey = {
      streamKey: randomBytes(24).toString('base64url'),
      appId: params.appId,
      region: params.region,
      channel,
      uid,
      expiresAfter: expiresAfter as number,
      createdAt: this.nowSeconds(),
      deleted: false,
    };
    this.keys.set(key.streamKey, key);
    return { body: { status: 'success', data: data(key) } };
  }

  private byKey({ params }: RecordedRequest, operation: 'query' | 'delete'): FakeAnswer {
    const key = this.keys.get(decodeURIComponent(params.key));
    if (key && key.appId !== params.appId) return message(403, 'Stream does not belong to this app ID.');
    if (!key || key.region !== params.region || !this.isLive(key)) return NOT_FOUND;
    if (operation === 'query') return { body: { status: 'success', data: data(key) } };
    key.deleted = true;
    return { body: { status: 'success' } };
  }

  private isLive(key: FakeStreamKey): boolean {
    return !key.deleted && (key.expiresAfter === 0 || this.nowSeconds() < key.createdAt + key.expiresAfter);
  }
}

function data(key: FakeStreamKey): Record<string, unknown> {
  const { streamKey, channel, uid, expiresAfter, createdAt } = key;
  return { streamKey, channel, uid, expiresAfter, createdAt: String(createdAt) };
}

/** The REST credentials the stream-key specs run with: known only to them, never to be seen in a log or answer. */
export const STREAM_KEY_SECRETS = { customerId: 'stream-keys-spec-customer', customerSecret: 'cs-5e4d3c2b1a0f9e8d7c6b5a4938271605' } as const;

/** The app's environment for stream keys through `fake`: the shortcut project's REST credentials, quick retries. */
export function streamKeysEnv(fake: { url: string }): Record<string, string> {
  return {
    AGORA_CUSTOMER_ID: STREAM_KEY_SECRETS.customerId,
    AGORA_CUSTOMER_SECRET: STREAM_KEY_SECRETS.customerSecret,
    AGORA_API_BASE_URL: fake.url,
    AGORA_API_FALLBACK_URL: '',
    AGORA_API_RETRY_BASE_MS: '1',
  };
}

/** The real app with stream keys through a fake Agora of its own, and API keys (the first is `headers`'). */
export interface StreamKeysApp {
  fake: FakeAgoraStreamKeys;
  app: NestFastifyApplication;
  headers: Record<string, string>;
  /** Headers per API key id. */
  as: Record<string, Record<string, string>>;
  close(): Promise<void>;
}

/** An API key's policy, as a spec gives it (the key itself is made for it). */
export type StreamKeysPolicy = Omit<TestKey, 'key'> & { resources?: 'own' | 'any' };

/**
 * Starts a fake Agora and the app; `keys` are API keys' policies (default: one `owner` with `stream-keys`), `options`
 * the app's (logs on, to a stream).
 */
export async function startStreamKeysApp(
  env: Env = {},
  keys: StreamKeysPolicy[] = [{ id: 'owner', kinds: ['stream-keys'] }],
  options: CreateAppOptions = {},
): Promise<StreamKeysApp> {
  const fake = await FakeAgoraStreamKeys.start();
  const held = keys.map((policy) => ({ ...policy, key: newApiKey() }));
  const app = await createTestApp({
    ...streamKeysEnv(fake),
    AUTH_MODE: 'apikey',
    API_KEYS_FILE: writeApiKeysFile(held),
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  }, options).catch(async (error: unknown) => {
    // A configuration the app refuses must not leave the fake's server holding the spec open.
    await fake.close();
    throw error;
  });
  const as = Object.fromEntries(held.map(({ id, key }) => [id, { 'x-api-key': key }]));
  return {
    fake,
    app,
    headers: as[held[0].id],
    as,
    async close() {
      await app.close();
      await fake.close();
    },
  };
}
