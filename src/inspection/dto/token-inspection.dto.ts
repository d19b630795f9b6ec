import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UINT32_MAX } from '../../agora/agora.constants.js';
import { InspectedServiceDto } from './inspected-service.dto.js';

/** What a token holds and whether this service's configuration says it is genuine. */
export class TokenInspectionDto {
  /**
   * `007` for AccessToken2, `006` for the legacy AccessToken.
   * @example "007"
   */
  @ApiProperty({ enum: ['006', '007'] })
  format: '006' | '007';

  /**
   * The App ID the token is for.
   * @example "0123456789abcdef0123456789abcdef"
   */
  appId: string;

  /**
   * The configured project of that App ID, or null when none is configured here (the signature is then not checked).
   * @example "default"
   */
  @ApiProperty({ type: 'string', nullable: true })
  project: string | null;

  /**
   * When the token was signed; null for a `006` token, which does not record it.
   * @example "2026-11-30T08:00:00.000Z"
   */
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  issuedAt: string | null;

  /**
   * When the token itself expires.
   * @example "2026-11-30T09:00:00.000Z"
   */
  @ApiProperty({ type: 'string', format: 'date-time' })
  expiresAt: string;

  /**
   * Seconds until `expiresAt`, 0 once expired. (A token stores its issue time and lifetime as two 32-bit numbers.)
   * @example 3600
   */
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 2 * UINT32_MAX })
  secondsLeft: number;

  /**
   * Whether `expiresAt` has passed.
   * @example false
   */
  expired: boolean;

  /**
   * Whether one of the project's certificates signed the token: false for an unknown App ID and for a `006` token.
   * @example true
   */
  signatureValid: boolean;

  /**
   * Which of the project's certificates signed it (a secondary one during a certificate rotation).
   * @example "primary"
   */
  @ApiProperty({ enum: ['primary', 'secondary', 'unknown'] })
  signedWith: 'primary' | 'secondary' | 'unknown';

  /** What the token allows, one entry per Agora service it holds, in the token's order. */
  @ApiProperty({ type: [InspectedServiceDto] })
  services: InspectedServiceDto[];

  /**
   * Findings in plain words: why Agora may reject this token, or what it cannot tell.
   * @example ["The RTC service has no uid (uid 0): any uid may join with it."]
   */
  @ApiProperty({ type: 'array', items: { type: 'string' } })
  notes: string[];
}
