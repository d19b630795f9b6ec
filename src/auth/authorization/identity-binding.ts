import { USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import type { CreateRtcTokenDto } from '../../rtc/dto/create-rtc-token.dto.js';
import type { JwtCaller } from '../caller.interface.js';
import { AccessRefused } from './access-refused.exception.js';
import { matchesAnyGlob } from './channel-glob.js';
import type { TokenScope } from './token-scope.js';


/**
 * An end user's RTC token is for their own identity: `account` must equal it
 * (and becomes it when neither account nor uid is sent); a numeric `uid` is
 * allowed only when the identity is that number, and never 0 (any user).
 */
export function bindRtcUser(caller: JwtCaller, request: CreateRtcTokenDto): CreateRtcTokenDto {
  if (request.account !== undefined) {
    if (request.account !== caller.id) throw notYours('account');
    return request;
  }
  if (request.uid !== undefined) {
    if (request.uid === 0 || String(request.uid) !== caller.id) throw notYours('uid');
    return request;
  }
  return { ...request, account: caller.id };
}

/** An end user's RTM or Chat user id is their identity: it must equal it, and defaults to it. */
export function bindUserId(caller: JwtCaller, userId: string | undefined): string {
  if (userId !== undefined && userId !== caller.id) throw notYours('userId');
  if (Buffer.byteLength(caller.id) > USER_ID_MAX_BYTES) {
    throw new AccessRefused('identity', `the caller's identity is longer than a user id may be (${USER_ID_MAX_BYTES} bytes).`);
  }
  return caller.id;
}

/** What an end user may never get, whatever the request: an app token, or a channel outside their claim. */
export function checkEndUserScope(caller: JwtCaller, scope: TokenScope): void {
  if (scope.kind === 'chat-app') {
    throw new AccessRefused('chat-app', 'end users may not get a Chat app token (it grants app-wide privileges).');
  }
  if (caller.channels && scope.channel !== undefined && !matchesAnyGlob(scope.channel, caller.channels)) {
    throw new AccessRefused('channels', `the caller's token does not allow channel "${scope.channel}".`);
  }
}

function notYours(field: string): AccessRefused {
  return new AccessRefused('identity', `${field} must be the caller's own identity.`);
}
