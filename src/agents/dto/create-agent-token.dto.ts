import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { RtcRole } from '../../agora/rtc-role.enum.js';
import { Excludes } from '../../common/validation/excludes.decorator.js';
import { CreateRtcRtmTokenDto } from '../../rtc-rtm/dto/create-rtc-rtm-token.dto.js';

const ROLE_DESCRIPTION =
  '`publisher` may join and publish audio, video and data; `subscriber` may join. Defaults to `publisher`: ' +
  'an agent speaks (ConvoAI) or publishes transcripts (STT). Send `role` or `privileges`, not both.';

/**
 * A request for an agent's token (a Conversational AI agent, or the speech-to-text bots): the agent's
 * RTC uid or account in `channel` and its Signaling user, as for `/v1/rtc-rtm/token`. Only the role's
 * default differs, redeclared here with the same rules.
 */
export class CreateAgentTokenDto extends CreateRtcRtmTokenDto {
  // Described explicitly: the Swagger plugin does not read a redeclared (`declare`) property.
  @ApiPropertyOptional({ enum: RtcRole, description: ROLE_DESCRIPTION })
  @IsOptional()
  @Excludes('privileges')
  @IsEnum(RtcRole)
  declare role?: RtcRole;
}
