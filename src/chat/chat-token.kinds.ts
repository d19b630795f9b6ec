import type { ChatAppGrant, ChatUserGrant } from '../agora/token-grant.interface.js';
import type { Caller } from '../auth/caller.interface.js';
import { userIdField } from '../tokens/identity-binding.js';
import type { TokenKind } from '../tokens/token-kind.interface.js';
import { ChatTokenKind } from './dto/chat-token-kind.enum.js';
import type { ChatTokenResponseDto } from './dto/chat-token-response.dto.js';
import { CreateChatTokenDto } from './dto/create-chat-token.dto.js';

/** A Chat user token: logs one user in. */
export const CHAT_USER_TOKEN: TokenKind<CreateChatTokenDto, [ChatUserGrant], ChatTokenResponseDto> = {
  request: CreateChatTokenDto,
  policyKind: 'chat',
  identity: [userIdField<CreateChatTokenDto>('userId')],
  grants: ({ userId }, seconds) => [{ service: 'chat-user', userId: userId!, seconds }],
  respond: (signed, _request, [{ userId }]) => Object.assign(signed, { kind: ChatTokenKind.User, userId }),
  summarize: (_request, [{ userId }]) => ({ kind: 'chat-user', user: userId }),
};

/** A Chat app token: app-wide REST privileges, for trusted back ends; never for end users. */
export const CHAT_APP_TOKEN: TokenKind<CreateChatTokenDto, [ChatAppGrant], ChatTokenResponseDto> = {
  request: CreateChatTokenDto,
  policyKind: 'chat-app',
  identity: [],
  refusedToEndUsers: { rule: 'chat-app', detail: 'end users may not get a Chat app token (it grants app-wide privileges).' },
  grants: (_request, seconds) => [{ service: 'chat-app', seconds }],
  respond: (signed) => Object.assign(signed, { kind: ChatTokenKind.App }),
  summarize: () => ({ kind: 'chat-app' }),
};

/** Either Chat kind. */
type ChatKind = TokenKind<CreateChatTokenDto, [ChatUserGrant] | [ChatAppGrant], ChatTokenResponseDto>;

/**
 * What a Chat request without a kind named asks for (`POST /v1/chat/token`, `/getToken`):
 * a user token when it names a user, or when the caller is an end user (theirs, bound to
 * their identity); an app token otherwise.
 */
export function chatTokenKindOf(request: CreateChatTokenDto, caller: Caller): ChatKind {
  return request.userId !== undefined || caller.kind === 'jwt' ? CHAT_USER_TOKEN : CHAT_APP_TOKEN;
}
