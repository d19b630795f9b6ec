import {
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { AGORA_MAX_EXPIRE_SECONDS } from '../../agora/agora.constants.js';
import { RtcRole } from '../../rtc/dto/rtc-role.enum.js';
import { TOKEN_KINDS, type TokenKind } from '../authorization/token-scope.interface.js';

const RTC_ROLES = Object.values(RtcRole);

/** One entry of API_KEYS_FILE. Unknown fields are refused, so a typo cannot silently lift a limit. */
export class ApiKeyEntry {
  @IsString({ message: 'id must be a string' })
  @Matches(/^[\w.:@-]{1,64}$/, { message: 'id must be 1 to 64 letters, digits or . _ : @ -' })
  id: string;

  @IsString({ message: 'sha256 must be a string' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be the 64 hex characters of the key’s SHA-256' })
  sha256: string;

  @IsOptional()
  @IsArray({ message: 'kinds must be an array' })
  @ArrayNotEmpty({ message: 'kinds must not be empty (leave it out for every kind)' })
  @IsIn(TOKEN_KINDS, { each: true, message: `kinds may hold only ${TOKEN_KINDS.join(', ')}` })
  kinds?: TokenKind[];

  @IsOptional()
  @IsArray({ message: 'channels must be an array' })
  @ArrayNotEmpty({ message: 'channels must not be empty (leave it out for any channel)' })
  @IsString({ each: true, message: 'channels must hold strings' })
  @Length(1, 128, { each: true, message: 'each channel pattern must be 1 to 128 characters' })
  channels?: string[];

  @IsOptional()
  @IsArray({ message: 'roles must be an array' })
  @ArrayNotEmpty({ message: 'roles must not be empty (leave it out for every role)' })
  @IsIn(RTC_ROLES, { each: true, message: `roles may hold only ${RTC_ROLES.join(', ')}` })
  roles?: RtcRole[];

  @IsOptional()
  @IsInt({ message: 'maxExpireSeconds must be an integer' })
  @Min(1, { message: `maxExpireSeconds must be between 1 and ${AGORA_MAX_EXPIRE_SECONDS}` })
  @Max(AGORA_MAX_EXPIRE_SECONDS, { message: `maxExpireSeconds must be between 1 and ${AGORA_MAX_EXPIRE_SECONDS}` })
  maxExpireSeconds?: number;
}
