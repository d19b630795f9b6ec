import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CHANNEL_MAX_BYTES, CHANNEL_PATTERN, CHANNEL_RULE } from '../agora/agora.constants.js';
import { HEX32, PROJECT_NAME, PROJECT_NAME_RULE } from '../agora/projects/project-entry.js';
import { isMediaRegion, MEDIA_REGIONS } from '../agora-services/media-region.config.js';
import type { FieldError } from '../common/problem/problem.types.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import type { ListStreamKeysInput } from './stream-keys.service.js';

/** The request's id (sent on to Agora as `X-Request-ID`, so one id follows the call end to end). */
export const RequestId = createParamDecorator((_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().id);

/** Each query parameter of a list, with the rule its value must meet (as the creation's body fields do). */
const LIST_PARAMETERS: Record<keyof ListStreamKeysInput, { valid: (value: string) => boolean; message: string }> = {
  channel: {
    valid: (value) => CHANNEL_PATTERN.test(value) && Buffer.byteLength(value) <= CHANNEL_MAX_BYTES,
    message: `channel must be 1 to ${CHANNEL_MAX_BYTES} bytes; ${CHANNEL_RULE.replace('$property', 'it')}`,
  },
  region: { valid: isMediaRegion, message: `region must be one of ${MEDIA_REGIONS.join(', ')}` },
  project: { valid: (value) => PROJECT_NAME.test(value), message: `project must be ${PROJECT_NAME_RULE}` },
  appId: { valid: (value) => HEX32.test(value), message: 'appId must be 32 hexadecimal characters' },
};

/**
 * A list's query (`?channel=&region=&project=&appId=`), checked as a body is: each parameter at most once and
 * well-formed, none unknown; every problem is one 400 naming the parameters. Document it with `@ApiQuery`.
 */
export const ListQuery = createParamDecorator((_data: unknown, context: ExecutionContext): ListStreamKeysInput => {
  const query = (context.switchToHttp().getRequest<FastifyRequest>().query ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const input: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    const rule = Object.hasOwn(LIST_PARAMETERS, name) ? LIST_PARAMETERS[name as keyof ListStreamKeysInput] : undefined;
    if (rule === undefined) errors.push({ field: name, message: `${name} is not a parameter of this list` });
    else if (typeof value !== 'string') errors.push({ field: name, message: `${name} must be given once` });
    else if (!rule.valid(value)) errors.push({ field: name, message: rule.message });
    else input[name] = value;
  }
  if (errors.length > 0) throw new ValidationProblemException(errors, 'The query is invalid.');
  return input as ListStreamKeysInput;
});
