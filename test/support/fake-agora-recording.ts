import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { FakeAgora, type FakeAnswer, type FakeCredentials, type FakeResponder, type RecordedRequest } from './fake-agora.js';

const APP = '/v1/apps/(?<appId>[0-9A-Fa-f]{32})/cloud_recording';
const SESSION = `${APP}/resourceid/(?<resourceId>[^/]+)/sid/(?<sid>[^/]+)/mode/(?<mode>[^/]+)`;
/** Agora's cloud recording paths, as the fake serves them. */
export const RECORDING_PATHS = {
  acquire: new RegExp(`^${APP}/acquire$`),
  start: new RegExp(`^${APP}/resourceid/(?<resourceId>[^/]+)/mode/(?<mode>[^/]+)/start$`),
  query: new RegExp(`^${SESSION}/query$`),
  update: new RegExp(`^${SESSION}/update$`),
  updateLayout: new RegExp(`^${SESSION}/updateLayout$`),
  stop: new RegExp(`^${SESSION}/stop$`),
} as const;
export type RecordingOperation = keyof typeof RECORDING_PATHS;

/** A recording the fake runs. */
export interface FakeSession {
  readonly appId: string;
  readonly resourceId: string;
  readonly sid: string;
  readonly mode: string;
  readonly cname: string;
  readonly uid: string;
  readonly clientRequest: Record<string, unknown>;
  stopped: boolean;
}

interface Resource {
  readonly appId: string;
  readonly cname: string;
  readonly uid: string;
  readonly startParameter: unknown;
  sid?: string;
}

const error = (status: number, code: number, reason: string): FakeAnswer => ({ status, body: { code, reason } });
const WORKER_NOT_FOUND = error(404, 404, 'failed to find worker');

/**
 * Agora's Cloud Recording RESTful API played on the generic FakeAgora: acquire, start, query, update,
 * updateLayout and stop, with Agora's documented answers. A start must repeat its acquire's `startParameter`
 * (else 400 code 2), a second start on a resource answers 201 code 7, a start for a channel and uid already
 * recording 400 code 53; query and stop answer in `string` file-list mode (mix with HLS only), `json` mode
 * (HLS and MP4, individual) or, in web mode, an `extensionServiceState` list (with `playloadKey` to spell it as
 * Agora's older answers do). A stopped recording answers 404 "failed to find worker". Specs script more (206
 * code 65, failover 404s, slow stops) with {@link on}, whose answers may end with the fake's own responder.
 */
export class FakeAgoraRecording {
  readonly sessions = new Map<string, FakeSession>();
  private readonly resources = new Map<string, Resource>();
  /** How long a synchronous stop takes (the upload). */
  stopDelayMs = 0;
  /** The key web-mode answers put each service's state under. */
  payloadKey: 'payload' | 'playload' = 'payload';

  constructor(readonly agora: FakeAgora) {
    for (const operation of Object.keys(RECORDING_PATHS) as RecordingOperation[]) {
      agora.on(operation === 'query' ? 'GET' : 'POST', RECORDING_PATHS[operation], this.responder(operation));
    }
  }

  static async start(credentials: readonly FakeCredentials[]): Promise<FakeAgoraRecording> {
    return new FakeAgoraRecording(await FakeAgora.start(credentials));
  }

  get url(): string {
    return this.agora.url;
  }

  /** Scripts answers for one operation before the fake's own (which `this.responder(operation)` gives, to end with). */
  on(operation: RecordingOperation, ...answers: FakeResponder[]): this {
    this.agora.on(operation === 'query' ? 'GET' : 'POST', RECORDING_PATHS[operation], ...answers);
    return this;
  }

  /** The fake's own answer to an operation. */
  responder(operation: RecordingOperation): FakeResponder {
    return (request) => {
      switch (operation) {
        case 'acquire':
          return this.acquire(request);
        case 'start':
          return this.startSession(request);
        case 'query':
          return this.query(request);
        case 'update':
        case 'updateLayout':
          return this.update(request, operation);
        case 'stop':
          return this.stop(request);
      }
    };
  }

  /** The requests of one operation, in order. */
  requests(operation: RecordingOperation): RecordedRequest[] {
    return this.agora.requestsTo(RECORDING_PATHS[operation]);
  }

  close(): Promise<void> {
    return this.agora.close();
  }

  private acquire({ params, body }: RecordedRequest): FakeAnswer {
    const { cname, uid, clientRequest } = (body ?? {}) as { cname?: unknown; uid?: unknown; clientRequest?: { startParameter?: unknown } };
    if (typeof cname !== 'string' || !isUid(uid) || typeof clientRequest !== 'object') return error(400, 2, 'Acquire: invalid params');
    const resourceId = randomBytes(150).toString('base64url');
    this.resources.set(resourceId, { appId: params.appId, cname, uid, startParameter: clientRequest.startParameter });
    return { body: { cname, uid, resourceId } };
  }

  private startSession({ params, body }: RecordedRequest): FakeAnswer {
    const resource = this.resources.get(decodeURIComponent(params.resourceId));
    const { cname, uid, clientRequest } = (body ?? {}) as { cname?: string; uid?: string; clientRequest?: Record<string, unknown> };
    if (!resource || resource.appId !== params.appId || resource.cname !== cname || resource.uid !== uid) return error(400, 432, 'parameter incorrect');
    if (!['individual', 'mix', 'web'].includes(params.mode) || !clientRequest?.storageConfig) return error(400, 2, 'invalid params');
    if (resource.startParameter !== undefined && !isDeepStrictEqual(resource.startParameter, clientRequest)) return error(400, 2, 'startParameter differs');
    if (resource.sid) return { status: 201, body: { code: 7, reason: 'already started' } };
    const running = [...this.sessions.values()].some((session) => !session.stopped && session.cname === cname && session.uid === uid && session.appId === params.appId);
    if (running) return error(400, 53, 'task conflict');
    const sid = randomBytes(16).toString('hex');
    resource.sid = sid;
    this.sessions.set(sid, { appId: params.appId, resourceId: decodeURIComponent(params.resourceId), sid, mode: params.mode, cname, uid, clientRequest, stopped: false });
    return { body: { cname, uid, resourceId: decodeURIComponent(params.resourceId), sid } };
  }

  private session({ params }: RecordedRequest): FakeSession | undefined {
    const session = this.sessions.get(params.sid);
    const matches = session && session.appId === params.appId && session.resourceId === decodeURIComponent(params.resourceId) && session.mode === params.mode;
    return matches && !session.stopped ? session : undefined;
  }

  private query(request: RecordedRequest): FakeAnswer {
    const session = this.session(request);
    if (!session) return WORKER_NOT_FOUND;
    return { body: { ...ids(session), serverResponse: { status: 5, ...this.files(session, false) } } };
  }

  private update(request: RecordedRequest, operation: 'update' | 'updateLayout'): FakeAnswer {
    const session = this.session(request);
    if (!session) return WORKER_NOT_FOUND;
    const body = request.body as { cname?: string; uid?: string; clientRequest?: unknown } | undefined;
    if (body?.cname !== session.cname || body.uid !== session.uid || typeof body.clientRequest !== 'object') return error(400, 2, 'invalid params');
    if (operation === 'updateLayout' && session.mode !== 'mix') return error(400, 1028, 'invalid updateLayout body');
    return { body: ids(session) };
  }

  private async stop(request: RecordedRequest): Promise<FakeAnswer> {
    const session = this.session(request);
    if (!session) return WORKER_NOT_FOUND;
    const body = request.body as { cname?: string; uid?: string; clientRequest?: { async_stop?: unknown } } | undefined;
    if (body?.cname !== session.cname || body.uid !== session.uid || typeof body.clientRequest?.async_stop !== 'boolean') return error(400, 2, 'invalid params');
    session.stopped = true;
    const async = body.clientRequest.async_stop;
    return {
      delayMs: async ? 0 : this.stopDelayMs,
      body: { ...ids(session), serverResponse: async ? { uploadingStatus: 'unknown' } : { ...this.files(session, true), uploadingStatus: 'uploaded' } },
    };
  }

  /** The files of a session as Agora reports them in its mode. */
  private files(session: FakeSession, stopped: boolean): Record<string, unknown> {
    const prefix = ((session.clientRequest.storageConfig as { fileNamePrefix?: string[] }).fileNamePrefix ?? []).join('/');
    const name = (suffix: string) => `${prefix ? `${prefix}/` : ''}${session.sid}_${session.cname}${suffix}`;
    if (session.mode === 'web') {
      const web = { fileList: [{ filename: name('.m3u8'), sliceStartTime: 1562724971626 }], onhold: false, state: stopped ? 'exit' : 'inProgress' };
      const services = [{ serviceName: 'web_recorder_service', [this.payloadKey]: web }];
      if (stopped) services.unshift({ serviceName: 'upload_service', [this.payloadKey]: { uploadingStatus: 'uploaded' } as never });
      return { extensionServiceState: services };
    }
    const types = (session.clientRequest.recordingFileConfig as { avFileType?: string[] } | undefined)?.avFileType ?? ['hls'];
    if (session.mode === 'mix' && !types.includes('mp4')) return { fileListMode: 'string', fileList: name('.m3u8'), sliceStartTime: 1562724971626 };
    const uid = session.mode === 'mix' ? '0' : '42';
    const file = (suffix: string) => ({ fileName: name(suffix), trackType: 'audio_and_video', uid, mixedAllUser: session.mode === 'mix', isPlayable: true, sliceStartTime: 1562724971626 });
    return { fileListMode: 'json', fileList: types.map((type) => file(type === 'mp4' ? '_0.mp4' : '.m3u8')), sliceStartTime: 1562724971626 };
  }
}

function ids(session: FakeSession): Record<string, string> {
  return { cname: session.cname, uid: session.uid, resourceId: session.resourceId, sid: session.sid };
}

function isUid(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2 ** 32 - 1;
}

/** The REST credentials and storage keys the recording specs run with: known only to them, never to be seen in a log or answer. */
export const RECORDING_SECRETS = {
  customerId: 'recording-spec-customer',
  customerSecret: 'cs-9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  accessKey: 'AKIA-RECORDING-SPEC-ACCESS',
  secretKey: 'sk/recording+spec=secret-0123456789',
} as const;

/** The app's environment for recording through `fake`: the shortcut project's REST credentials and one storage profile. */
export function recordingEnv(fake: { url: string }): Record<string, string> {
  return {
    AGORA_CUSTOMER_ID: RECORDING_SECRETS.customerId,
    AGORA_CUSTOMER_SECRET: RECORDING_SECRETS.customerSecret,
    AGORA_API_BASE_URL: fake.url,
    AGORA_API_FALLBACK_URL: '',
    AGORA_API_RETRY_BASE_MS: '1',
    STORAGE_VENDOR: '1',
    STORAGE_REGION: '3',
    STORAGE_BUCKET: 'recordings-bucket',
    STORAGE_BUCKET_ACCESS_KEY: RECORDING_SECRETS.accessKey,
    STORAGE_BUCKET_SECRET_KEY: RECORDING_SECRETS.secretKey,
  };
}
