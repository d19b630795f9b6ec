import { applyDecorators } from '@nestjs/common';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { AGORA_MAX_EXPIRE_SECONDS } from '../../agora/agora.constants.js';
import { RtcRole } from '../../agora/rtc-role.enum.js';
import { POLICY_KINDS, type PolicyKind } from '../authorization/kind-policy.js';

const RTC_ROLES = Object.values(RtcRole);

/**
 * A policy field is checked whenever it is in the file. Not @IsOptional(), which also skips `null`:
 * `"kinds": null` would then load as "every kind", a limit lifted by a typo.
 */
function WhenPresent(): PropertyDecorator {
  return ValidateIf((_entry, value) => value !== undefined);
}

/** A policy list: when present, a non-empty array whose items pass `items`. */
function PolicyList(name: string, absentMeans: string, ...items: PropertyDecorator[]): PropertyDecorator {
  // In the order stacked decorators apply (bottom-up), so errors are listed as they were.
  return applyDecorators(
    ...items,
    ArrayNotEmpty({ message: `${name} must not be empty (leave it out for ${absentMeans})` }),
    IsArray({ message: `${name} must be an array` }),
    WhenPresent(),
  );
}

/** One entry of API_KEYS_FILE. Unknown fields are refused, so a typo cannot silently lift a limit. */
export class ApiKeyEntry {
  @IsString({ message: 'id must be a string' })
  @Matches(/^[\w.:@-]{1,64}$/, { message: 'id must be 1 to 64 letters, digits or . _ : @ -' })
  id: string;

  @IsString({ message: 'sha256 must be a string' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be the 64 hex characters of the key’s SHA-256' })
  sha256: string;

  @PolicyList('kinds', 'every kind', IsIn(POLICY_KINDS, { each: true, message: `kinds may hold only ${POLICY_KINDS.join(', ')}` }))
  kinds?: PolicyKind[];

  @PolicyList(
    'channels',
    'any channel',
    Length(1, 128, { each: true, message: 'each channel pattern must be 1 to 128 characters' }),
    IsString({ each: true, message: 'channels must hold strings' }),
  )
  channels?: string[];

  @PolicyList('roles', 'every role', IsIn(RTC_ROLES, { each: true, message: `roles may hold only ${RTC_ROLES.join(', ')}` }))
  roles?: RtcRole[];

  @PolicyList(
    'projects',
    'every project',
    Length(1, 64, { each: true, message: 'each project pattern must be 1 to 64 characters' }),
    IsString({ each: true, message: 'projects must hold strings' }),
  )
  projects?: string[];

  @WhenPresent()
  @IsIn(['own', 'any'], { message: 'recordings must be own or any' })
  recordings?: 'own' | 'any';

  @WhenPresent()
  @IsIn(['own', 'any'], { message: 'resources must be own or any' })
  resources?: 'own' | 'any';

  @WhenPresent()
  @IsInt({ message: 'maxExpireSeconds must be an integer' })
  @Min(1, { message: `maxExpireSeconds must be between 1 and ${AGORA_MAX_EXPIRE_SECONDS}` })
  @Max(AGORA_MAX_EXPIRE_SECONDS, { message: `maxExpireSeconds must be between 1 and ${AGORA_MAX_EXPIRE_SECONDS}` })
  maxExpireSeconds?: number;
}
