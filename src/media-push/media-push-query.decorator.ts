import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CHANNEL_MAX_BYTES, CHANNEL_PATTERN } from '../agora/agora.constants.js';
import { HEX32, PROJECT_NAME, PROJECT_NAME_RULE } from '../agora/projects/project-entry.js';
import { isMediaRegion, MEDIA_REGIONS } from '../agora-services/media-region.config.js';
import type { FieldError } from '../common/problem/problem.types.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import type { ListMediaPushInput } from './media-push.service.js';

/** Each list parameter's rule, and its message when broken. */
const RULES: Record<keyof ListMediaPushInput, [(value: string) => boolean, string]> = {
  project: [(value) => PROJECT_NAME.test(value), `project must be ${PROJECT_NAME_RULE}`],
  appId: [(value) => HEX32.test(value), 'appId must be 32 hexadecimal characters'],
  channel: [
    (value) => CHANNEL_PATTERN.test(value) && Buffer.byteLength(value) <= CHANNEL_MAX_BYTES,
    `channel must be 1 to ${CHANNEL_MAX_BYTES} bytes of Agora's channel characters`,
  ],
  region: [isMediaRegion, `region must be one of ${MEDIA_REGIONS.join(', ')}`],
};

/**
 * The list's query (`project`, `appId`, `channel`, `region`), each given at most once and checked: a 400 naming every
 * broken parameter, never a silent default. Other parameters are ignored, as on every route. Document with `@ApiQuery`.
 */
export const ListQuery = createParamDecorator((_data: unknown, context: ExecutionContext): ListMediaPushInput => {
  const query = (context.switchToHttp().getRequest<FastifyRequest>().query ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const input: Record<string, string> = {};
  for (const [name, [valid, message]] of Object.entries(RULES)) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') errors.push({ field: name, message: `${name} must be given once` });
    else if (!valid(value)) errors.push({ field: name, message });
    else input[name] = value;
  }
  if (errors.length > 0) throw new ValidationProblemException(errors, 'The query is invalid.');
  return input as ListMediaPushInput;
});
