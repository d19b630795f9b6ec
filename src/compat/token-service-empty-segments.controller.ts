import { Controller, Param } from '@nestjs/common';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import type {
  LegacyChatTokenDto,
  LegacyRteTokensDto,
  LegacyRtcTokenDto,
  LegacyRtmTokenDto,
} from './dto/token-service-tokens.dto.js';
import { emptySegment, LegacyGetAlso } from './legacy-endpoint.decorator.js';
import { LegacyQuery } from './legacy-query.decorator.js';
import { TokenServicePathMapper } from './token-service-paths.mapper.js';
import { EXPIRY } from './token-service.docs.js';

/**
 * agora-token-service's GET routes with an empty user segment, which its
 * router (gin) matched with an empty parameter: `/rtc/demo/publisher/uid//`
 * is uid 0 there, `/rte/demo/publisher/uid//rtmid/` uid 0 with the RTM user
 * `rtmid`, `/rtm//` an "invalid RTM User ID". Each is answered as the
 * documented route with that parameter empty; a parameter missing from the
 * path is the empty segment. Channel, role and token type have no empty form.
 */
@Controller()
export class TokenServiceEmptySegmentsController {
  constructor(private readonly paths: TokenServicePathMapper) {}

  @LegacyGetAlso(emptySegment('rtc/:channelName/:role/:tokenType//'))
  rtc(
    @CurrentCaller() caller: Caller,
    @Param('channelName') channelName: string,
    @Param('role') role: string,
    @Param('tokenType') tokenType: string,
    @LegacyQuery(EXPIRY) expiry?: string,
  ): Promise<LegacyRtcTokenDto> {
    return this.paths.rtc({ channelName, role, tokenType, uid: '' }, expiry, caller);
  }

  /** `/rtm` and `/rtm/` (no segment) answer as `/rtm//` did in the Go server: a 400, not a 404. */
  @LegacyGetAlso('rtm', emptySegment('rtm//'))
  rtm(@CurrentCaller() caller: Caller, @LegacyQuery(EXPIRY) expiry?: string): Promise<LegacyRtmTokenDto> {
    return this.paths.rtm('', expiry, caller);
  }

  @LegacyGetAlso(
    emptySegment('rte/:channelName/:role/:tokenType//'),
    'rte/:channelName/:role/:tokenType//:rtmuid',
    emptySegment('rte/:channelName/:role/:tokenType/:rtcuid//'),
    emptySegment('rte/:channelName/:role/:tokenType///'),
  )
  rte(
    @CurrentCaller() caller: Caller,
    @Param('channelName') channelName: string,
    @Param('role') role: string,
    @Param('tokenType') tokenType: string,
    @Param('rtcuid') rtcuid: string | undefined,
    @Param('rtmuid') rtmuid: string | undefined,
    @LegacyQuery(EXPIRY) expiry?: string,
  ): Promise<LegacyRteTokensDto> {
    return this.paths.rte({ channelName, role, tokenType, rtcuid: rtcuid ?? '', rtmuid: rtmuid ?? '' }, expiry, caller);
  }

  @LegacyGetAlso(emptySegment('chat/account//'))
  chatUser(@CurrentCaller() caller: Caller, @LegacyQuery(EXPIRY) expiry?: string): Promise<LegacyChatTokenDto> {
    return this.paths.chatUser('', expiry, caller);
  }
}
