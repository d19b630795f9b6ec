import { BadRequestException } from '@nestjs/common';

/**
 * A 400 that a legacy route answers in its original's own shape,
 * `{"error": message}`, for clients that read that key. Rendered by
 * LegacyErrorFilter on the routes that use it; anywhere else it would still
 * be a problem+json 400.
 */
export class LegacyErrorException extends BadRequestException {}
