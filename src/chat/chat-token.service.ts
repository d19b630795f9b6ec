import { Injectable } from '@nestjs/common';
import { AgoraTokenSigner } from '../agora/agora-token-signer.service.js';
import { TokenExpiryPolicy } from '../agora/token-expiry.policy.js';
import { ChatTokenKind } from './dto/chat-token-kind.enum.js';
import type { ChatTokenResponseDto } from './dto/chat-token-response.dto.js';
import type { CreateChatTokenDto } from './dto/create-chat-token.dto.js';

/** Issues Chat tokens: a user token for a user id, an app token otherwise. */
@Injectable()
export class ChatTokenService {
  constructor(
    private readonly signer: AgoraTokenSigner,
    private readonly expiry: TokenExpiryPolicy,
  ) {}

  create(request: CreateChatTokenDto): ChatTokenResponseDto {
    const seconds = this.expiry.resolve(request.expireSeconds);
    const { userId } = request;
    if (userId === undefined) {
      return { ...this.signer.sign(seconds, [{ service: 'chat-app', seconds }]), kind: ChatTokenKind.App };
    }
    const signed = this.signer.sign(seconds, [{ service: 'chat-user', userId, seconds }]);
    return { ...signed, kind: ChatTokenKind.User, userId };
  }
}
