/** Largest uid Agora accepts: uids are unsigned 32-bit integers. */
export const UINT32_MAX = 4_294_967_295;

/** Agora refuses tokens valid for longer than 24 hours. */
export const AGORA_MAX_EXPIRE_SECONDS = 86_400;

/**
 * Agora's channel-name character set: a–z A–Z 0–9 space and
 * ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,
 */
export const CHANNEL_PATTERN = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]+$/;

/** A string user account (an RTC user named by string) is at most 255 bytes. */
export const ACCOUNT_MAX_BYTES = 255;

/** An RTM (Signaling) or Chat user id is at most 64 bytes. */
export const USER_ID_MAX_BYTES = 64;

/** Channel names are shorter than 64 bytes (all allowed characters are single bytes). */
export const CHANNEL_MAX_BYTES = 63;

/** The characters a channel name may use, in words (for messages and docs). */
export const CHANNEL_CHARACTERS = 'a-z A-Z 0-9 space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,';

export const CHANNEL_RULE = `$property may use only ${CHANNEL_CHARACTERS}`;

/** A Signaling stream channel: an RTC channel name, or `*` for any channel. */
export const RTM_CHANNEL_PATTERN = new RegExp(`${CHANNEL_PATTERN.source}|^\\*$`);
