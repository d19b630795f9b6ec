import type { IssuedTokenDto } from '../agora/dto/issued-token.dto.js';
import type { FpaGrant } from '../agora/token-grant.interface.js';
import type { TokenKind } from '../tokens/token-kind.interface.js';
import { CreateFpaTokenDto } from './dto/create-fpa-token.dto.js';
import { FPA_EXPIRE_SECONDS } from './fpa.constants.js';

/**
 * An FPA (Full-path accelerator) token, as FpaTokenBuilder.buildToken makes it: one FPA service with
 * the login privilege, for 24 hours. It names no user or channel. End users may have it: it only lets
 * an app's own client connect through Agora's accelerator (what a client needs, like an RTC token),
 * unlike the app tokens refused to them, which grant app-wide REST privileges.
 */
export const FPA_TOKEN: TokenKind<CreateFpaTokenDto, [FpaGrant], IssuedTokenDto> = {
  request: CreateFpaTokenDto,
  policyKind: 'fpa',
  fixedExpireSeconds: FPA_EXPIRE_SECONDS,
  identity: [],
  grants: () => [{ service: 'fpa' }],
  respond: (signed) => signed,
  summarize: () => ({ kind: 'fpa' }),
};
