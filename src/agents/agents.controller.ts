import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { TokenEndpoint } from '../common/http/token-endpoint.decorator.js';
import { RtcRtmTokenResponseDto } from '../rtc-rtm/dto/rtc-rtm-token-response.dto.js';
import { TokenIssuer } from '../tokens/token-issuer.service.js';
import { CONVOAI_TOKEN, STT_TOKEN } from './agent-token.kinds.js';
import { CreateAgentTokenDto } from './dto/create-agent-token.dto.js';

/**
 * The default (first) names no user: an API key gets a random uid, an end user their own identity. The others give
 * the agent a user of its own, as Agora's samples do (a uid apart from the people in the channel): API keys only.
 */
const EXAMPLES = {
  randomUid: { summary: 'Any caller: an agent with a random uid (an end user: as themselves)', value: { channel: 'demo-room' } },
  uid: { summary: 'API keys: an agent with a uid, logging in to Signaling as the same user', value: { channel: 'demo-room', uid: 1001 } },
  account: { summary: 'API keys: an agent with an account', value: { channel: 'demo-room', account: 'agent-1' } },
  differentIds: {
    summary: 'API keys: a uid for RTC, a user id for Signaling',
    value: { channel: 'demo-room', uid: 1001, rtmUserId: 'agent-1', rtmExpireSeconds: 1800 },
  },
};

@ApiTags('agents')
@Controller('v1')
export class AgentsController {
  constructor(private readonly tokens: TokenIssuer) {}

  @TokenEndpoint('convoai/token', {
    summary: 'Issue a Conversational AI agent token',
    description:
      'Signs the token the Conversational AI Engine `join` API takes for the agent (`properties.token`): RTC in ' +
      "`channel` as the agent's `uid` or `account` (a publisher unless `role` or `privileges` say otherwise), Signaling " +
      'as `rtmUserId` (the RTC user by default), and the ConvoAI service, as `ConvoAITokenBuilder.buildToken`.',
    request: CreateAgentTokenDto,
    response: RtcRtmTokenResponseDto,
    bodyRequired: true,
    examples: EXAMPLES,
  })
  convoai(@Body() body: CreateAgentTokenDto, @CurrentCaller() caller: Caller): RtcRtmTokenResponseDto {
    return this.tokens.issue(CONVOAI_TOKEN, body, caller);
  }

  @TokenEndpoint('stt/token', {
    summary: 'Issue a real-time speech-to-text token',
    description:
      'Signs a token for the bots the real-time STT `join` API sends into `channel`: RTC as `uid` or `account` ' +
      '(a publisher unless `role` or `privileges` say otherwise), Signaling as `rtmUserId` (the RTC user by ' +
      'default), and the STT service, as `SttTokenBuilder.buildToken`. Issue one per bot (audio and data).',
    request: CreateAgentTokenDto,
    response: RtcRtmTokenResponseDto,
    bodyRequired: true,
    examples: EXAMPLES,
  })
  stt(@Body() body: CreateAgentTokenDto, @CurrentCaller() caller: Caller): RtcRtmTokenResponseDto {
    return this.tokens.issue(STT_TOKEN, body, caller);
  }
}
