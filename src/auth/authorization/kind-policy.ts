/**
 * The kinds of token an API key's policy can name (`kinds` in API_KEYS_FILE).
 * `chat-app` is the app-wide Chat token, `classroom-app` the app-wide Flexible Classroom one;
 * `inspect` is token inspection, which signs nothing; `recording` is cloud recording (the recording bot's
 * token is its only token); `transcription`, `media-push`, `media-pull` and `stream-keys` are Agora's real-time
 * transcription, RTMP converters, cloud players and Media Gateway stream keys. It is the keys file's contract,
 * checked when the file loads, before any token kind exists; a kind that API
 * keys must be able to name apart from the others adds its name here.
 */
export const POLICY_KINDS = ['rtc', 'rtm', 'chat', 'chat-app', 'fpa', 'classroom', 'classroom-app', 'inspect', 'rtc-rtm', 'convoai', 'stt', 'recording', 'transcription', 'media-push', 'media-pull', 'stream-keys'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/**
 * What the authorizer knows of a token kind beyond the grants it will sign.
 * Every token kind (src/tokens/token-kind.interface.ts) is one.
 */
export interface KindPolicy {
  /** The name API key policies give this kind. */
  readonly policyKind: PolicyKind;
  /** Set when end users may never get this kind, whatever they ask: the rule and reason of their 403. */
  readonly refusedToEndUsers?: { readonly rule: string; readonly detail: string };
  /**
   * Set when Agora fixes the token's lifetime (FPA: 86400 s): the caller chooses none, and a
   * lifetime cap below it (configured, or an API key's maxExpireSeconds) refuses the kind.
   */
  readonly fixedExpireSeconds?: number;
  /**
   * Set for an Agora service end users (JWT) may use only when their JWT_SERVICES_CLAIM names it (cloud
   * recording: `recording`): without it, or without the variable, they are refused (rule `services`).
   */
  readonly endUserService?: string;
}
