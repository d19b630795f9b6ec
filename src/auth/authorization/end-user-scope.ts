import type { JwtCaller } from '../caller.interface.js';
import { AccessRefused } from './access-refused.exception.js';
import { matchesAnyGlob } from './channel-glob.js';
import type { KindPolicy } from './kind-policy.js';
import type { TokenScope } from './token-scope.js';

/**
 * What an end user may never get, whatever the request: a kind refused to
 * end users (the Chat app token), or a channel outside their claim. (That the
 * token is for their own identity is bound before: see src/tokens/identity-binding.ts.)
 */
export function checkEndUserScope(caller: JwtCaller, kind: KindPolicy, scope: TokenScope): void {
  if (kind.refusedToEndUsers) throw new AccessRefused(kind.refusedToEndUsers.rule, kind.refusedToEndUsers.detail);
  checkEndUserService(caller, kind);
  if (caller.channels && scope.channel !== undefined && !matchesAnyGlob(scope.channel, caller.channels)) {
    throw new AccessRefused('channels', `the caller's token does not allow channel "${scope.channel}".`);
  }
  const outside = caller.channels && scope.permissionChannels?.find(({ channel }) => !matchesAnyGlob(channel, caller.channels!));
  if (outside) {
    throw new AccessRefused('channels', `the caller's token does not allow channel "${outside.channel}" (${outside.field}).`);
  }
  // Reading another user's resources is not the end user's to grant themselves.
  if (scope.permissionUsers) throw new AccessRefused('permissions.users', 'end users may not name users in permissions.');
}

/** Refuses an end user a service their JWT_SERVICES_CLAIM does not name (see KindPolicy.endUserService). */
export function checkEndUserService(caller: JwtCaller, kind: KindPolicy): void {
  if (kind.endUserService !== undefined && !caller.services?.includes(kind.endUserService)) {
    throw new AccessRefused('services', `the caller's token does not grant the ${kind.endUserService} service.`);
  }
}
