import { randomBytes } from 'node:crypto';
import { FakeAgora, type FakeAnswer, type FakeCredentials, type FakeResponder, type RecordedRequest } from './fake-agora.js';

const PROJECT = '/v1/projects/(?<appId>[0-9A-Fa-f]{32})';
const REGIONAL = `^/(?<region>na|eu|ap|cn)${PROJECT}/rtmp-converters`;
/** Agora's media push paths, as the fake serves them. */
export const PUSH_PATHS = {
  create: new RegExp(`${REGIONAL}$`),
  get: new RegExp(`${REGIONAL}/(?<converterId>[^/]+)$`),
  update: new RegExp(`${REGIONAL}/(?<converterId>[^/]+)$`),
  delete: new RegExp(`${REGIONAL}/(?<converterId>[^/]+)$`),
  list: new RegExp(`^${PROJECT}(?:/channels/(?<cname>[^/]+))?/rtmp-converters$`),
} as const;
export type PushOperation = keyof typeof PUSH_PATHS;
const METHODS: Record<PushOperation, string> = { create: 'POST', get: 'GET', update: 'PATCH', delete: 'DELETE', list: 'GET' };

/** A converter the fake runs: its configuration as Agora keeps it (its `rtmpUrl` holds the stream key). */
export interface FakeConverter {
  readonly appId: string;
  readonly region: string;
  readonly id: string;
  readonly name: string;
  readonly channel: string;
  converter: Record<string, unknown>;
  readonly createTs: number;
  updateTs: number;
  /** The largest `sequence` an update carried (-1 before any). */
  sequence: number;
}

const message = (status: number, text: string): FakeAnswer => ({ status, body: { message: text } });
const NOT_FOUND = message(404, 'Resource cannot be found/has been destroyed.');
/** Paths Agora's update refuses to change. */
const FIXED = ['name', 'idleTimeOut', 'transcodeOptions.rtcChannel', 'transcodeOptions.audioOptions', 'transcodeOptions.videoOptions.codec', 'transcodeOptions.videoOptions.codecProfile'];

/**
 * Agora's Media Push RESTful API played on the generic FakeAgora: create (raw or transcoded, one of the two; a valid
 * `rtmpUrl`; a name unique in the project, else 409), get (the configuration, 404 `{reason}` once gone, or in another
 * region), update (`sequence` required and larger than every earlier one, else 409; `fields` naming only paths Agora
 * lets change, applied from the body), delete, and list per project or channel, `pageSize` members a page with a
 * cursor, each repeating its `rtmpUrl` as Agora's does. Specs script more (slow or failing answers) with {@link on}.
 */
export class FakeAgoraMediaPush {
  readonly converters = new Map<string, FakeConverter>();
  /** Members per list page (Agora's is 500): small in specs that read several pages. */
  pageSize = 500;

  constructor(readonly agora: FakeAgora) {
    for (const operation of Object.keys(PUSH_PATHS) as PushOperation[]) agora.on(METHODS[operation], PUSH_PATHS[operation], this.responder(operation));
  }

  static async start(credentials: readonly FakeCredentials[]): Promise<FakeAgoraMediaPush> {
    return new FakeAgoraMediaPush(await FakeAgora.start(credentials));
  }

  get url(): string {
    return this.agora.url;
  }

  /** Scripts answers for one operation before the fake's own (`this.responder(operation)`, to end with). */
  on(operation: PushOperation, ...answers: FakeResponder[]): this {
    this.agora.on(METHODS[operation], PUSH_PATHS[operation], ...answers);
    return this;
  }

  /** The fake's own answer to an operation, as a responder to end a script with. */
  responder(operation: PushOperation): FakeResponder {
    return (request) => this.answer(operation, request);
  }

  /** The fake's own answer to one request (for a scripted responder that does something first). */
  answer(operation: PushOperation, request: RecordedRequest): FakeAnswer {
    return this[operation](request);
  }

  /**
   * A create Agora carries out whose answer is lost: the converter runs, and the caller gets `then` instead (a broken
   * connection, a late answer, or a 504 from Agora's gateway, which gave up waiting on the service behind it).
   */
  createsThen(then: FakeAnswer): FakeResponder {
    return (request) => {
      this.create(request);
      return then;
    };
  }

  /** The requests of one operation, in order. */
  requests(operation: PushOperation): RecordedRequest[] {
    return this.agora.requestsTo(PUSH_PATHS[operation]).filter((request) => request.method === METHODS[operation]);
  }

  close(): Promise<void> {
    return this.agora.close();
  }

  private create({ params, body }: RecordedRequest): FakeAnswer {
    const converter = (body as { converter?: Record<string, unknown> } | undefined)?.converter;
    if (typeof converter !== 'object' || converter === null) return message(400, 'Invalid parameter: converter.');
    const { name = '', rawOptions, transcodeOptions, rtmpUrl } = converter as { name?: unknown; rawOptions?: Options; transcodeOptions?: Options; rtmpUrl?: unknown };
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{0,64}$/.test(name)) return message(400, 'Invalid parameter: name.');
    if ((rawOptions === undefined) === (transcodeOptions === undefined)) return message(400, 'Invalid parameter: rawOptions or transcodeOptions.');
    const options = rawOptions ?? transcodeOptions!;
    if (typeof options.rtcChannel !== 'string' || options.rtcChannel === '' || options.rtcChannel.length > 64) return message(400, 'Invalid parameter: rtcChannel.');
    if (rawOptions && (typeof rawOptions.rtcStreamUid !== 'number' || !Number.isSafeInteger(rawOptions.rtcStreamUid))) return message(400, 'Invalid parameter: rtcStreamUid.');
    if (typeof rtmpUrl !== 'string' || !/^rtmps?:\/\/[^/]+\/.+/.test(rtmpUrl) || rtmpUrl.length > 1024) return message(400, 'Invalid parameter: rtmpUrl. Replace it, and retry.');
    const taken = name !== '' && [...this.converters.values()].some((existing) => existing.appId === params.appId && existing.name === name);
    if (taken) return message(409, 'Resource with the same name already exists. Use the existing resource; otherwise, delete it, and create a new resource.');
    const now = Math.floor(Date.now() / 1000);
    const id = randomBytes(16).toString('hex');
    this.converters.set(id, { appId: params.appId, region: params.region, id, name, channel: options.rtcChannel, converter, createTs: now, updateTs: now, sequence: -1 });
    return { headers: { 'x-resource-id': id }, body: { converter: { id, createTs: now, updateTs: now, state: 'connecting' }, fields: 'id,createTs,updateTs,state' } };
  }

  private find({ params }: RecordedRequest): FakeConverter | undefined {
    const converter = this.converters.get(params.converterId);
    return converter?.appId === params.appId && converter.region === params.region ? converter : undefined;
  }

  private get(request: RecordedRequest): FakeAnswer {
    const found = this.find(request);
    if (!found) return { status: 404, body: { reason: 'Resource is not found and destroyed.' } };
    return { body: { ...found.converter, idleTimeout: found.converter.idleTimeOut ?? 300, createTs: found.createTs, updateTs: found.updateTs, state: 'running' } };
  }

  private update(request: RecordedRequest): FakeAnswer {
    const found = this.find(request);
    if (!found) return NOT_FOUND;
    const sequence = request.query.get('sequence');
    if (sequence === null || !/^\d{1,15}$/.test(sequence)) return message(400, 'Invalid parameter: sequence.');
    if (Number(sequence) <= found.sequence) return message(409, `Sequence ${sequence} is not greater than ${found.sequence}.`);
    const { converter, fields } = (request.body ?? {}) as { converter?: Record<string, unknown>; fields?: unknown };
    if (typeof converter !== 'object' || typeof fields !== 'string' || fields === '') return message(400, 'Invalid parameter: fields.');
    const paths = fields.split(',');
    if (paths.some((path) => FIXED.some((fixed) => path === fixed || path.startsWith(`${fixed}.`)))) return message(400, 'Invalid parameter: fields names a field that cannot be updated.');
    if (found.converter.rawOptions && paths.some((path) => path.startsWith('transcodeOptions'))) return message(400, 'Invalid parameter: transcodeOptions.');
    for (const path of paths) {
      const value = read(converter, path);
      if (value === undefined) return message(400, `Invalid parameter: ${path} is not in the body.`);
      write(found.converter, path, value);
    }
    found.sequence = Number(sequence);
    found.updateTs = Math.max(found.updateTs + 1, Math.floor(Date.now() / 1000));
    return { body: { converter: { id: found.id, createTs: found.createTs, updateTs: found.updateTs, state: 'running' }, fields: 'id,createTs,updateTs,state' } };
  }

  private delete(request: RecordedRequest): FakeAnswer {
    const found = this.find(request);
    if (!found) return NOT_FOUND;
    this.converters.delete(found.id);
    return { status: 200 };
  }

  private list({ params, query }: RecordedRequest): FakeAnswer {
    const cname = params.cname === undefined ? undefined : decodeURIComponent(params.cname);
    const all = [...this.converters.values()].filter((converter) => converter.appId === params.appId && (cname === undefined || converter.channel === cname));
    const start = Number(query.get('cursor') ?? 0);
    const page = all.slice(start, start + this.pageSize);
    const cursor = start + this.pageSize < all.length ? start + this.pageSize : 0;
    const members = page.map((converter) => ({
      rtcChannel: converter.channel,
      status: '200',
      converterName: converter.name,
      updateTs: String(converter.updateTs),
      appId: converter.appId,
      rtmpUrl: converter.converter.rtmpUrl,
      ip: '198.51.100.7',
      converterId: converter.id,
      create: String(converter.createTs),
      idleTimeout: '120',
      state: 'running',
    }));
    return { body: { success: true, data: { total_count: all.length, cursor, members } } };
  }
}

interface Options {
  readonly rtcChannel?: unknown;
  readonly rtcStreamUid?: unknown;
}

function read(object: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), object);
}

function write(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = object;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[keys.at(-1)!] = value;
}

/** The REST credentials the media push specs run with: known only to them, never to be seen in a log or answer. */
export const PUSH_SECRETS = { customerId: 'media-push-spec-customer', customerSecret: 'cs-push-0f1e2d3c4b5a69788796a5b4c3d2e1f0' } as const;

/** The app's environment for media push through `fake`: the shortcut project's REST credentials, fast retries. */
export function mediaPushEnv(fake: { url: string }): Record<string, string> {
  return {
    AGORA_CUSTOMER_ID: PUSH_SECRETS.customerId,
    AGORA_CUSTOMER_SECRET: PUSH_SECRETS.customerSecret,
    AGORA_API_BASE_URL: fake.url,
    AGORA_API_FALLBACK_URL: '',
    AGORA_API_RETRY_BASE_MS: '1',
  };
}
