import { Injectable } from '@nestjs/common';
import type { AgoraProject } from '../agora/projects/project.interface.js';
import { AgoraRestClient } from '../agora-rest/agora-rest.client.js';

/** Per attempt: Agora answers STT calls in well under a second; a join starts a bot, which may take a few. */
export const STT_TIMEOUTS_MS = { join: 15_000, query: 10_000, update: 10_000, leave: 10_000, list: 10_000 } as const;

/** Agora's agent states (STT v7). */
export type AgentStatus = 'IDLE' | 'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'RECOVERING' | 'FAILED';

/** The translation of Agora's `translateConfig.languages`: up to 10 target languages per source. */
export interface TranslationPair {
  readonly source: string;
  readonly target: readonly string[];
}

/** The body of Agora's `join` (STT v7), as this service fills it. */
export interface JoinBody {
  /** Unique per project: the service's own random name, so one channel may run several transcriptions. */
  readonly name: string;
  readonly languages: readonly string[];
  readonly maxIdleTime?: number;
  readonly rtcConfig: {
    readonly channelName: string;
    readonly pubBotUid: string;
    readonly pubBotToken: string;
    readonly subscribeAudioUids?: readonly string[];
    readonly unSubscribeAudioUids?: readonly string[];
  };
  readonly translateConfig?: { readonly languages: readonly TranslationPair[] };
  readonly captionConfig?: {
    readonly storage: {
      readonly vendor: number;
      readonly region: number;
      readonly bucket: string;
      readonly accessKey: string;
      readonly secretKey: string;
      readonly fileNamePrefix: readonly string[];
    };
  };
}

/** The body of Agora's `update`: only the parts its `updateMask` names are read. */
export interface UpdateBody {
  readonly languages?: readonly string[];
  readonly rtcConfig?: { readonly subscribeAudioUids: readonly string[] };
  readonly translateConfig?: { readonly enable?: boolean; readonly languages?: readonly TranslationPair[] };
}

/** Agora's answer to join, query and update. */
export interface AgentAnswer {
  readonly agent_id?: unknown;
  readonly create_ts?: unknown;
  readonly status?: unknown;
}

/** One page of Agora's list. */
export interface AgentListAnswer {
  readonly data?: { readonly list?: readonly { agent_id?: unknown; status?: unknown; start_ts?: unknown }[] };
  readonly meta?: { readonly cursor?: unknown };
}

/** One agent of Agora's list, read. */
export interface ListedAgent {
  readonly agentId: string;
  readonly status: string;
  readonly startTs?: number;
}

/**
 * Every call is about an agent that was sent the bot's token and, with captions, the storage keys: Agora's error texts
 * about it (query, update, leave, list) may repeat them, and this service cannot recognise them in every encoding once
 * the join is over. So no STT call passes Agora's free text on, only its status and code (AgoraCall.bodyHasSecrets).
 */
const ABOUT_THE_AGENT = true;

/** The most pages a list reads (100 agents each): a channel with more running transcriptions is not a real one. */
const MAX_PAGES = 10;
const PAGE_SIZE = 100;

/**
 * Agora's Real-Time STT RESTful API (v7) over the one AgoraRestClient: paths, bodies, timeouts, and which calls
 * may be repeated. query and list are safe to repeat (retried on timeouts and 5xx); join, update and leave act,
 * so they go to the fallback host only when the primary was never reached. Every call is marked as holding secrets
 * (ABOUT_THE_AGENT: the bot's token, storage keys): an error answer then repeats none of Agora's text.
 */
@Injectable()
export class SpeechToTextApi {
  constructor(private readonly client: AgoraRestClient) {}

  async join(project: AgoraProject, body: JoinBody, requestId?: string): Promise<AgentAnswer> {
    const answer = await this.client.call<AgentAnswer>({
      project,
      api: 'transcription.join',
      method: 'POST',
      path: `${base(project)}/join`,
      body,
      bodyHasSecrets: true,
      timeoutMs: STT_TIMEOUTS_MS.join,
      retry: 'none',
      requestId,
    });
    return answer.body ?? {};
  }

  async query(project: AgoraProject, agentId: string, requestId?: string): Promise<AgentAnswer> {
    const answer = await this.client.call<AgentAnswer>({
      project,
      api: 'transcription.query',
      method: 'GET',
      path: `${base(project)}/agents/${encodeURIComponent(agentId)}`,
      bodyHasSecrets: ABOUT_THE_AGENT,
      timeoutMs: STT_TIMEOUTS_MS.query,
      retry: 'transient',
      requestId,
    });
    return answer.body ?? {};
  }

  /** Agora reads only the parts of `body` that `mask` names; `sequenceId` must exceed the previous update's. */
  async update(project: AgoraProject, agentId: string, sequenceId: number, mask: readonly string[], body: UpdateBody, requestId?: string): Promise<AgentAnswer> {
    const query = new URLSearchParams({ sequenceId: String(sequenceId), updateMask: mask.join(',') });
    const answer = await this.client.call<AgentAnswer>({
      project,
      api: 'transcription.update',
      method: 'POST',
      path: `${base(project)}/agents/${encodeURIComponent(agentId)}/update?${query}`,
      body,
      bodyHasSecrets: ABOUT_THE_AGENT,
      timeoutMs: STT_TIMEOUTS_MS.update,
      retry: 'none',
      requestId,
    });
    return answer.body ?? {};
  }

  async leave(project: AgoraProject, agentId: string, requestId?: string): Promise<void> {
    await this.client.call<unknown>({
      project,
      api: 'transcription.leave',
      method: 'POST',
      path: `${base(project)}/agents/${encodeURIComponent(agentId)}/leave`,
      bodyHasSecrets: ABOUT_THE_AGENT,
      timeoutMs: STT_TIMEOUTS_MS.leave,
      retry: 'none',
      requestId,
    });
  }

  /**
   * The agents Agora runs in a channel (its default state filter: RUNNING) started since `fromSeconds`, every page.
   * Agora's list carries no name and no channel: the `channel` filter is the only scope it offers.
   */
  async list(project: AgoraProject, channel: string, fromSeconds: number, requestId?: string): Promise<ListedAgent[]> {
    const agents: ListedAgent[] = [];
    let cursor = '';
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ channel, from_time: String(fromSeconds), limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
      const answer = await this.client.call<AgentListAnswer>({
        project,
        api: 'transcription.list',
        method: 'GET',
        path: `${base(project)}/agents?${query}`,
        bodyHasSecrets: ABOUT_THE_AGENT,
        timeoutMs: STT_TIMEOUTS_MS.list,
        retry: 'transient',
        requestId,
      });
      const items = answer.body?.data?.list ?? [];
      for (const item of items) {
        if (typeof item.agent_id !== 'string') continue;
        agents.push({ agentId: item.agent_id, status: typeof item.status === 'string' ? item.status : 'UNKNOWN', ...(typeof item.start_ts === 'number' ? { startTs: item.start_ts } : {}) });
      }
      const next = answer.body?.meta?.cursor;
      if (typeof next !== 'string' || next === '' || next === cursor || items.length === 0) break;
      cursor = next;
    }
    return agents;
  }
}

function base(project: AgoraProject): string {
  return `/api/speech-to-text/v1/projects/${encodeURIComponent(project.appId)}`;
}
