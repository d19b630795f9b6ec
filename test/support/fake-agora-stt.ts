import { randomBytes } from 'node:crypto';
import { FakeAgora, type FakeAnswer, type FakeCredentials, type FakeResponder, type RecordedRequest } from './fake-agora.js';
import { checkJoin, checkUpdate, type JoinRequest } from './fake-agora-stt.rules.js';

const PROJECT = '/api/speech-to-text/v1/projects/(?<appId>[0-9A-Fa-f]{32})';
/** Agora's STT v7 paths, as the fake serves them. */
export const STT_PATHS = {
  join: new RegExp(`^${PROJECT}/join$`),
  list: new RegExp(`^${PROJECT}/agents$`),
  query: new RegExp(`^${PROJECT}/agents/(?<agentId>[^/]+)$`),
  update: new RegExp(`^${PROJECT}/agents/(?<agentId>[^/]+)/update$`),
  leave: new RegExp(`^${PROJECT}/agents/(?<agentId>[^/]+)/leave$`),
} as const;
export type SttOperation = keyof typeof STT_PATHS;
const METHOD: Record<SttOperation, string> = { join: 'POST', list: 'GET', query: 'GET', update: 'POST', leave: 'POST' };

/** Agora's agent states, at the index of the number its list's `state` filter takes for each. */
export const AGENT_STATES = ['IDLE', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'RECOVERING', 'FAILED'] as const;
export type AgentState = (typeof AGENT_STATES)[number];
/** The states of an agent that has exited: it answers 404 to query, update and leave, as a task not found. */
const EXITED: readonly AgentState[] = ['STOPPED', 'FAILED'];

/** An agent the fake runs. */
export interface FakeAgent {
  readonly appId: string;
  readonly agentId: string;
  readonly name: string;
  readonly createTs: number;
  /** The join body, then each update applied to it. */
  config: JoinRequest;
  /** The last update's sequenceId. */
  sequenceId?: number;
  /** Each update's mask, in order. */
  readonly updates: string[][];
  status: AgentState;
}

/** Agora's STT error answers: `{detail, reason}`. */
export const sttError = (status: number, reason: string, detail: string): FakeAnswer => ({ status, body: { detail, reason } });
const NOT_FOUND = sttError(404, 'TaskNotFound', 'The task is not found');

/**
 * Agora's Real-Time STT RESTful API (v7) played on the generic FakeAgora: join, query, update, leave and list, with
 * Agora's documented checks and answers. A join checks every field Agora documents (400 `{detail, reason}`) and
 * refuses a `name` already used in the project (409); an update needs `sequenceId` and `updateMask`, refuses a
 * sequenceId not above the last (409, the conflict Agora's "greater than the previous" rule implies) and body parts the
 * mask does not name; an agent that exited (STOPPED, FAILED) answers 404 to query, update and leave, one in any other state
 * (STARTING, RECOVERING: {@link enter}) answers its state; list pages by `cursor` and `limit`, filters by `channel`,
 * `from_time` and `state` (one state per call, `0` to `6`, default 2: RUNNING). Agora asks for 5 s before and between
 * updates but documents no answer for an update sooner, so the fake takes it (the service enforces the spacing). Specs
 * script more (slow, failing, odd answers) with {@link on}.
 */
export class FakeAgoraStt {
  /** `agents` shared by two fakes make them one Agora behind two hosts (the primary and the fallback). */
  constructor(
    readonly agora: FakeAgora,
    readonly agents = new Map<string, FakeAgent>(),
  ) {
    for (const operation of Object.keys(STT_PATHS) as SttOperation[]) agora.on(METHOD[operation], STT_PATHS[operation], this.responder(operation));
  }

  static async start(credentials: readonly FakeCredentials[]): Promise<FakeAgoraStt> {
    return new FakeAgoraStt(await FakeAgora.start(credentials));
  }

  get url(): string {
    return this.agora.url;
  }

  /** Scripts answers for one operation before the fake's own (which `this.responder(operation)` gives, to end with). */
  on(operation: SttOperation, ...answers: FakeResponder[]): this {
    this.agora.on(METHOD[operation], STT_PATHS[operation], ...answers);
    return this;
  }

  /** The fake's own answer to an operation. */
  responder(operation: SttOperation): (request: RecordedRequest) => FakeAnswer {
    return (request) => {
      switch (operation) {
        case 'join':
          return this.join(request);
        case 'list':
          return this.list(request);
        case 'query':
          return this.query(request);
        case 'update':
          return this.update(request);
        case 'leave':
          return this.leave(request);
      }
    };
  }

  /** The requests of one operation, in order. */
  requests(operation: SttOperation): RecordedRequest[] {
    return this.agora.requestsTo(STT_PATHS[operation]).filter((request) => request.method === METHOD[operation]);
  }

  /** Stops an agent as Agora does on its own (maxIdleTime passed, its token expired). */
  stop(agentId: string): void {
    this.enter(agentId, 'STOPPED');
  }

  /** Puts an agent in one of Agora's states, as Agora does on its own (RECOVERING after a fault, FAILED…). */
  enter(agentId: string, state: AgentState): void {
    this.agents.get(agentId)!.status = state;
  }

  close(): Promise<void> {
    return this.agora.close();
  }

  private join({ params, body }: RecordedRequest): FakeAnswer {
    const checked = checkJoin(body);
    if (typeof checked === 'string') return sttError(400, 'InvalidParameter', checked);
    if ([...this.agents.values()].some((agent) => agent.appId === params.appId && agent.name === checked.name)) {
      return sttError(409, 'AgentAlreadyExists', `an agent named ${checked.name} already exists`);
    }
    const agentId = randomBytes(13).toString('hex').toUpperCase();
    const agent: FakeAgent = { appId: params.appId, agentId, name: checked.name, createTs: Math.floor(Date.now() / 1000), config: checked, updates: [], status: 'RUNNING' };
    this.agents.set(agentId, agent);
    return { body: { agent_id: agentId, create_ts: agent.createTs, status: 'RUNNING' } };
  }

  private agent({ params }: RecordedRequest): FakeAgent | undefined {
    const agent = this.agents.get(decodeURIComponent(params.agentId));
    return agent && agent.appId === params.appId && !EXITED.includes(agent.status) ? agent : undefined;
  }

  private query(request: RecordedRequest): FakeAnswer {
    const agent = this.agent(request);
    if (!agent) return NOT_FOUND;
    return { body: { message: 'ok', agent_id: agent.agentId, create_ts: agent.createTs, status: agent.status } };
  }

  private update(request: RecordedRequest): FakeAnswer {
    const agent = this.agent(request);
    if (!agent) return NOT_FOUND;
    const checked = checkUpdate(request.query, request.body);
    if (typeof checked === 'string') return sttError(400, 'InvalidParameter', checked);
    if (agent.sequenceId !== undefined && checked.sequenceId <= agent.sequenceId) {
      return sttError(409, 'SequenceIdConflict', `sequenceId ${checked.sequenceId} is not greater than ${agent.sequenceId}`);
    }
    agent.sequenceId = checked.sequenceId;
    agent.updates.push(checked.mask);
    agent.config = checked.apply(agent.config);
    return { body: { agent_id: agent.agentId, create_ts: agent.createTs, status: agent.status } };
  }

  private leave(request: RecordedRequest): FakeAnswer {
    const agent = this.agent(request);
    if (!agent) return NOT_FOUND;
    agent.status = 'STOPPED';
    return { body: {} };
  }

  private list({ params, query }: RecordedRequest): FakeAnswer {
    const state = query.get('state') ?? '2';
    const from = Number(query.get('from_time') ?? Math.floor(Date.now() / 1000) - 86_400);
    const limit = Number(query.get('limit') ?? 20);
    if (!/^[0-6]$/.test(state) || !Number.isInteger(from) || !Number.isInteger(limit) || limit < 1) return sttError(400, 'InvalidParameter', 'invalid list query');
    const channel = query.get('channel');
    const all = [...this.agents.values()].filter(
      (agent) =>
        agent.appId === params.appId &&
        (channel === null || agent.config.rtcConfig.channelName === channel) &&
        agent.createTs >= from &&
        agent.status === AGENT_STATES[Number(state)],
    );
    const cursor = query.get('cursor');
    const start = cursor ? all.findIndex((agent) => agent.agentId === cursor) + 1 : 0;
    const page = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return {
      body: {
        data: { count: page.length, list: page.map((agent) => ({ start_ts: agent.createTs, status: agent.status, agent_id: agent.agentId })) },
        meta: { cursor: more ? page[page.length - 1].agentId : '', total: all.length },
        status: 'ok',
      },
    };
  }
}

/** The REST credentials and storage keys the transcription specs run with: never to be seen in a log or answer. */
export const STT_SECRETS = {
  customerId: 'stt-spec-customer',
  customerSecret: 'cs-stt-1a2b3c4d5e6f708192a3b4c5d6e7f8091',
  accessKey: 'AKIA-STT-SPEC-ACCESS-KEY',
  secretKey: 'sk/stt+spec=secret-9876543210',
} as const;

/** The app's environment for transcribing through `fake`: the shortcut project's REST credentials and one storage profile. */
export function sttEnv(fake: { url: string }): Record<string, string> {
  return {
    AGORA_CUSTOMER_ID: STT_SECRETS.customerId,
    AGORA_CUSTOMER_SECRET: STT_SECRETS.customerSecret,
    AGORA_API_BASE_URL: fake.url,
    AGORA_API_FALLBACK_URL: '',
    AGORA_API_RETRY_BASE_MS: '1',
    STORAGE_VENDOR: '1',
    STORAGE_REGION: '3',
    STORAGE_BUCKET: 'captions-bucket',
    STORAGE_BUCKET_ACCESS_KEY: STT_SECRETS.accessKey,
    STORAGE_BUCKET_SECRET_KEY: STT_SECRETS.secretKey,
  };
}
