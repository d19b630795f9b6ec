import { ApiProperty } from '@nestjs/swagger';
import { integerSchema } from '../../common/http/api-schema.options.js';
import { AGORA_MAX_EXPIRE_SECONDS } from '../agora.constants.js';

/** What every token response carries. */
export class IssuedTokenDto {
  /**
   * The signed token, to pass to the Agora SDK: AccessToken2 (`007…`), or the legacy AccessToken (`006…`) when asked for.
   * @example "007eJxTYBBa..."
   */
  token: string;

  /**
   * The Agora App ID the token is for.
   * @example "0123456789abcdef0123456789abcdef"
   */
  appId: string;

  /**
   * The name of the project whose App ID and primary certificate signed the token: the one the request chose
   * by `project` or `appId`, else the default (named `default` when APP_ID and APP_CERTIFICATE configure it).
   * @example "default"
   */
  project: string;

  /**
   * When the token was issued (ISO 8601, UTC), as recorded in the token.
   * @example "2026-11-22T08:00:00.000Z"
   */
  issuedAt: Date;

  /**
   * When the token expires (ISO 8601, UTC): issuedAt + expireSeconds.
   * @example "2026-11-22T09:00:00.000Z"
   */
  expiresAt: Date;

  /**
   * The token's lifetime in seconds.
   * @example 3600
   */
  @ApiProperty(integerSchema(1, AGORA_MAX_EXPIRE_SECONDS))
  expireSeconds: number;
}
