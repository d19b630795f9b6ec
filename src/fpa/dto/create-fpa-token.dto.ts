import { ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsOptional } from 'class-validator';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';
import { FPA_EXPIRE_SECONDS } from '../fpa.constants.js';

/** A request for an FPA (accelerator) token: it names nothing, so the body may be empty or absent. */
export class CreateFpaTokenDto extends TokenRequestDto {
  /**
   * FPA tokens always live 86400 seconds (24 h): Agora's FPA builder takes no lifetime. Omit it, or send 86400
   * (clients that always send a lifetime then need no special case).
   * @example 86400
   */
  @ApiPropertyOptional({ type: 'integer', enum: [FPA_EXPIRE_SECONDS] })
  @IsOptional()
  @Equals(FPA_EXPIRE_SECONDS, { message: `$property of an FPA token is fixed at ${FPA_EXPIRE_SECONDS}: omit it` })
  // `= undefined`, as the base field starts: redeclared only to carry the rules above.
  override expireSeconds?: number = undefined;
}
