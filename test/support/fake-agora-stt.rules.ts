/** What Agora's STT v7 checks of join and update bodies, as the fake checks it (a message for its 400, or the request). */

/** A join body the fake accepted. */
export interface JoinRequest {
  readonly name: string;
  readonly languages: string[];
  readonly maxIdleTime?: number;
  readonly rtcConfig: {
    readonly channelName: string;
    readonly pubBotUid: string;
    readonly pubBotToken: string;
    readonly subscribeAudioUids?: string[];
    readonly unSubscribeAudioUids?: string[];
  };
  readonly translateConfig?: { enable?: boolean; languages?: { source: string; target: string[] }[] };
  readonly captionConfig?: { storage: Record<string, unknown> };
}

const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown, min: number, max: number): value is string[] =>
  Array.isArray(value) && value.length >= min && value.length <= max && value.every((item) => typeof item === 'string' && item !== '');
const UID = /^[1-9]\d{0,9}$/;
const MASKS = new Set(['languages', 'uidLanguagesConfig', 'rtcConfig.subscribeAudioUids', 'translateConfig.enable', 'translateConfig.languages']);

function translationProblem(languages: unknown): string | undefined {
  if (!Array.isArray(languages) || languages.length < 1 || languages.length > 4) return 'translateConfig.languages must list 1 to 4 sources';
  for (const pair of languages) {
    if (!isObject(pair) || typeof pair.source !== 'string' || !strings(pair.target, 1, 10)) return 'translateConfig.languages: invalid item';
    if (pair.target.includes(pair.source)) return 'translateConfig.languages: the source and target language must be different';
  }
  return undefined;
}

function storageProblem(storage: unknown): string | undefined {
  if (!isObject(storage)) return 'captionConfig.storage is required';
  const { vendor, region, bucket, accessKey, secretKey, fileNamePrefix } = storage;
  if (!Number.isInteger(vendor) || vendor < 1 || vendor > 8 || !Number.isInteger(region)) return 'captionConfig.storage: invalid vendor or region';
  if (typeof bucket !== 'string' || typeof accessKey !== 'string' || typeof secretKey !== 'string') return 'captionConfig.storage: bucket, accessKey and secretKey are required';
  if (fileNamePrefix !== undefined && (!strings(fileNamePrefix, 0, 128) || !fileNamePrefix.every((part) => /^[A-Za-z0-9]+$/.test(part)) || fileNamePrefix.join('/').length > 128)) {
    return 'captionConfig.storage.fileNamePrefix: a-z, A-Z and 0-9 only, 128 characters in all';
  }
  return undefined;
}

/** Agora's checks of a join body. */
export function checkJoin(body: unknown): JoinRequest | string {
  if (!isObject(body)) return 'the body must be a JSON object';
  const { name, languages, maxIdleTime, rtcConfig, translateConfig, captionConfig } = body;
  if (typeof name !== 'string' || name.length < 1 || name.length > 64) return 'name is required: up to 64 characters';
  if (!strings(languages, 1, 4)) return 'languages must list 1 to 4 languages';
  if (maxIdleTime !== undefined && (!Number.isInteger(maxIdleTime) || maxIdleTime < 5 || maxIdleTime > 2_592_000)) return 'maxIdleTime must be 5 to 2592000';
  if (!isObject(rtcConfig) || typeof rtcConfig.channelName !== 'string' || rtcConfig.channelName === '') return 'rtcConfig.channelName is required';
  if (typeof rtcConfig.pubBotUid !== 'string' || !UID.test(rtcConfig.pubBotUid)) return 'rtcConfig.pubBotUid is required';
  if (typeof rtcConfig.pubBotToken !== 'string' || rtcConfig.pubBotToken === '') return 'rtcConfig.pubBotToken is required';
  const { subscribeAudioUids: subscribe, unSubscribeAudioUids: unsubscribe } = rtcConfig;
  if (subscribe !== undefined && unsubscribe !== undefined) return 'rtcConfig: subscribeAudioUids or unSubscribeAudioUids, not both';
  if (subscribe !== undefined && !strings(subscribe, 1, 32)) return 'rtcConfig.subscribeAudioUids: at most 32';
  if (unsubscribe !== undefined && !strings(unsubscribe, 1, 5)) return 'rtcConfig.unSubscribeAudioUids: at most 5';
  if (translateConfig !== undefined) {
    const problem = isObject(translateConfig) ? translationProblem(translateConfig.languages) : 'translateConfig must be an object';
    if (problem) return problem;
  }
  if (captionConfig !== undefined) {
    const problem = isObject(captionConfig) ? storageProblem(captionConfig.storage) : 'captionConfig must be an object';
    if (problem) return problem;
  }
  return body as JoinRequest;
}

/** An update the fake accepted: its sequence, its mask, and how it changes an agent's configuration. */
export interface UpdateRequest {
  readonly sequenceId: number;
  readonly mask: string[];
  apply(config: JoinRequest): JoinRequest;
}

/** Agora's checks of an update: sequenceId and updateMask in the query, and a body whose parts the mask names. */
export function checkUpdate(query: URLSearchParams, body: unknown): UpdateRequest | string {
  const sequence = query.get('sequenceId');
  if (sequence === null || !/^\d{1,15}$/.test(sequence)) return 'sequenceId is required: an integer >= 0';
  const mask = (query.get('updateMask') ?? '').split(',').filter((path) => path !== '');
  if (mask.length === 0 || mask.some((path) => !MASKS.has(path))) return 'updateMask is required: known fields only';
  if (!isObject(body)) return 'the body must be a JSON object';
  const sent = [
    ...(body.languages !== undefined ? ['languages'] : []),
    ...(isObject(body.rtcConfig) ? Object.keys(body.rtcConfig).map((key) => `rtcConfig.${key}`) : []),
    ...(isObject(body.translateConfig) ? Object.keys(body.translateConfig).map((key) => `translateConfig.${key}`) : []),
  ];
  if (sent.some((path) => !mask.includes(path)) || mask.some((path) => !sent.includes(path))) return 'the body and updateMask name different fields';
  if (body.languages !== undefined && !strings(body.languages, 1, 4)) return 'languages must list 1 to 4 languages';
  const subscribe = body.rtcConfig?.subscribeAudioUids;
  if (subscribe !== undefined && (!strings(subscribe, 1, 32) || (subscribe.includes('all') && subscribe.length > 1))) return 'rtcConfig.subscribeAudioUids: at most 32, or ["all"]';
  const translate = body.translateConfig;
  if (translate?.enable !== undefined && typeof translate.enable !== 'boolean') return 'translateConfig.enable must be a boolean';
  if (translate?.languages !== undefined) {
    const problem = translationProblem(translate.languages);
    if (problem) return problem;
  }
  return {
    sequenceId: Number(sequence),
    mask,
    apply: (config) => ({
      ...config,
      ...(body.languages ? { languages: body.languages } : {}),
      rtcConfig: subscribe ? { ...config.rtcConfig, subscribeAudioUids: subscribe, unSubscribeAudioUids: undefined } : config.rtcConfig,
      ...(translate ? { translateConfig: { ...config.translateConfig, ...translate } } : {}),
    }),
  };
}
