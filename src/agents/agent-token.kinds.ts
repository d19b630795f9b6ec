import { RtcRole } from '../agora/rtc-role.enum.js';
import type { ConvoAiGrant, RtcGrant, RtmGrant, SttGrant } from '../agora/token-grant.interface.js';
import type { RtcRtmTokenResponseDto } from '../rtc-rtm/dto/rtc-rtm-token-response.dto.js';
import { RTC_RTM_IDENTITY, rtcRtmGrants, rtcRtmResponse } from '../rtc-rtm/rtc-rtm-grants.js';
import type { TokenKind } from '../tokens/token-kind.interface.js';
import { CreateAgentTokenDto } from './dto/create-agent-token.dto.js';

/*
 * agora-token's ConvoAITokenBuilder and SttTokenBuilder sign RTC and RTM as buildTokenWithRtm2 does,
 * then add their own service (no user, no privilege). They grant publishing only when the role is
 * `=== Role.PUBLISHER` (the number 1): a role passed as '1' or 'publisher' silently makes a
 * join-only agent. Here the role is our enum, turned into privileges by rtcRtmGrants before any
 * builder logic, so a publisher always publishes.
 */

/** A Conversational AI agent's token: what the ConvoAI Engine's `join` API takes for the agent. */
export const CONVOAI_TOKEN: TokenKind<CreateAgentTokenDto, [RtcGrant, RtmGrant, ConvoAiGrant], RtcRtmTokenResponseDto> = {
  request: CreateAgentTokenDto,
  policyKind: 'convoai',
  identity: RTC_RTM_IDENTITY,
  grants: (request, expireSeconds, expiry) => [
    ...rtcRtmGrants(request, expireSeconds, expiry, RtcRole.Publisher),
    { service: 'convoai' },
  ],
  respond: (signed, request, grants) => rtcRtmResponse(signed, request, grants, RtcRole.Publisher),
  summarize: ({ channel }, [{ user }]) => ({ kind: 'convoai', channel, user }),
};

/** A real-time speech-to-text token: what the STT `join` API takes for its bots. */
export const STT_TOKEN: TokenKind<CreateAgentTokenDto, [RtcGrant, RtmGrant, SttGrant], RtcRtmTokenResponseDto> = {
  request: CreateAgentTokenDto,
  policyKind: 'stt',
  identity: RTC_RTM_IDENTITY,
  grants: (request, expireSeconds, expiry) => [...rtcRtmGrants(request, expireSeconds, expiry, RtcRole.Publisher), { service: 'stt' }],
  respond: (signed, request, grants) => rtcRtmResponse(signed, request, grants, RtcRole.Publisher),
  summarize: ({ channel }, [{ user }]) => ({ kind: 'stt', channel, user }),
};
