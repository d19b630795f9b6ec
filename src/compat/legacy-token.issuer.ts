import { Injectable, type Type } from '@nestjs/common';
import type { IssuedTokenDto } from '../agora/dto/issued-token.dto.js';
import { withTokenSummaries } from '../agora/token-summary.js';
import type { Caller } from '../auth/caller.interface.js';
import { ChatTokenService } from '../chat/chat-token.service.js';
import type { ChatTokenResponseDto } from '../chat/dto/chat-token-response.dto.js';
import { CreateChatTokenDto } from '../chat/dto/create-chat-token.dto.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { RequestValidationPipe } from '../common/validation/request-validation.pipe.js';
import { CreateRtcTokenDto } from '../rtc/dto/create-rtc-token.dto.js';
import type { RtcTokenResponseDto } from '../rtc/dto/rtc-token-response.dto.js';
import { RtcTokenService } from '../rtc/rtc-token.service.js';
import { CreateRtmTokenDto } from '../rtm/dto/create-rtm-token.dto.js';
import type { RtmTokenResponseDto } from '../rtm/dto/rtm-token-response.dto.js';
import { RtmTokenService } from '../rtm/rtm-token.service.js';
import type { LegacyTokenDto } from './dto/legacy-token.dto.js';
import { LegacyInputProblem } from './legacy-input-problem.exception.js';

/** The original server's name for each /v1 field it fills (`{ channel: 'channelName' }`). */
type LegacyFieldNames = Readonly<Record<string, string>>;

/**
 * Issues the tokens of the legacy routes through the /v1 token services:
 * each mapped request is validated by the same pipe and DTO as its /v1
 * route, so every /v1 rule (channel characters and length, uid range,
 * lifetime ceiling) holds here too, and so does the caller's authorization
 * (the token services check it). A refusal names the legacy field.
 *
 * @example
 * await issuer.rtc({ channel, uid: 42, role: RtcRole.Publisher }, { channel: 'channelName' }, caller);
 */
@Injectable()
export class LegacyTokenIssuer {
  constructor(
    private readonly rtcTokens: RtcTokenService,
    private readonly rtmTokens: RtmTokenService,
    private readonly chatTokens: ChatTokenService,
    private readonly validation: RequestValidationPipe,
  ) {}

  rtc(request: CreateRtcTokenDto, names: LegacyFieldNames, caller: Caller): Promise<RtcTokenResponseDto> {
    return this.issue(CreateRtcTokenDto, request, names, (dto) => this.rtcTokens.create(dto, caller));
  }

  rtm(request: CreateRtmTokenDto, names: LegacyFieldNames, caller: Caller): Promise<RtmTokenResponseDto> {
    return this.issue(CreateRtmTokenDto, request, names, (dto) => this.rtmTokens.create(dto, caller));
  }

  chat(request: CreateChatTokenDto, names: LegacyFieldNames, caller: Caller): Promise<ChatTokenResponseDto> {
    return this.issue(CreateChatTokenDto, request, names, (dto) => this.chatTokens.create(dto, caller));
  }

  /** A Chat app token asked for by name: refused to end users, rather than turned into their user token. */
  chatApp(request: CreateChatTokenDto, names: LegacyFieldNames, caller: Caller): Promise<ChatTokenResponseDto> {
    return this.issue(CreateChatTokenDto, request, names, (dto) => this.chatTokens.createAppToken(dto, caller));
  }

  private async issue<Request extends object, Response>(
    type: Type<Request>,
    request: Request,
    names: LegacyFieldNames,
    create: (dto: Request) => Response,
  ): Promise<Response> {
    try {
      const dto = (await this.validation.transform(request, { type: 'body', metatype: type })) as Request;
      return create(dto);
    } catch (error) {
      // DTO rules and the configured lifetime ceiling both speak /v1 field names.
      if (error instanceof ValidationProblemException) throw renamed(error, names);
      throw error;
    }
  }
}

function renamed(error: ValidationProblemException, names: LegacyFieldNames): LegacyInputProblem {
  return new LegacyInputProblem(
    error.errors.map(({ field, message }) => {
      const legacy = names[field];
      if (!legacy) return { field, message };
      return { field: legacy, message: message.startsWith(`${field} `) ? legacy + message.slice(field.length) : message };
    }),
  );
}

/** The originals' `{ token }` body, keeping what the token grants for the request log. */
export function legacyToken(issued: IssuedTokenDto): LegacyTokenDto {
  return withTokenSummaries({ token: issued.token }, issued);
}
