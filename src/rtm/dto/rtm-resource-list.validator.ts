import { ValidateBy, type ValidationOptions } from 'class-validator';
import { CHANNEL_CHARACTERS, CHANNEL_MAX_BYTES, RTM_CHANNEL_PATTERN, USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';

/**
 * Most names one permission list may hold. Every name is signed into the token, and the SDKs send the
 * token with each login: 16 names of 63 bytes per list keep even a full token of six lists near 6 KB.
 */
export const RTM_PERMISSION_LIST_MAX = 16;

const RULES = {
  channel: {
    valid: (name: string) => name.length <= CHANNEL_MAX_BYTES && RTM_CHANNEL_PATTERN.test(name),
    words: `channel names (1 to ${CHANNEL_MAX_BYTES} bytes of ${CHANNEL_CHARACTERS}) or * for any channel`,
    schema: { ...byteLimitedSchema(1, CHANNEL_MAX_BYTES), pattern: RTM_CHANNEL_PATTERN.source },
  },
  user: {
    valid: (name: string) => name.length > 0 && Buffer.byteLength(name) <= USER_ID_MAX_BYTES,
    words: `user ids (1 to ${USER_ID_MAX_BYTES} bytes)`,
    schema: byteLimitedSchema(1, USER_ID_MAX_BYTES),
  },
} as const;

export type RtmResourceName = keyof typeof RULES;

/**
 * One rule for a whole list (not class-validator's `each`), so the request stays on the compiled check
 * (src/common/validation/compiled-dto-check.ts) and the 400 says the list's rule in one message.
 */
export function RtmResourceList(name: RtmResourceName, options?: ValidationOptions): PropertyDecorator {
  const rule = RULES[name];
  return ValidateBy(
    {
      name: `rtm-${name}-list`,
      validator: {
        validate: (value) =>
          Array.isArray(value) &&
          value.length >= 1 &&
          value.length <= RTM_PERMISSION_LIST_MAX &&
          value.every((entry) => typeof entry === 'string' && rule.valid(entry)) &&
          new Set(value).size === value.length,
        defaultMessage: (args) =>
          `${args?.property} must be a list of 1 to ${RTM_PERMISSION_LIST_MAX} distinct ${rule.words}`,
      },
    },
    options,
  );
}

/** The OpenAPI schema of such a list. */
export function rtmResourceListSchema(name: RtmResourceName) {
  return { type: 'array', items: RULES[name].schema, minItems: 1, maxItems: RTM_PERMISSION_LIST_MAX, uniqueItems: true } as const;
}
