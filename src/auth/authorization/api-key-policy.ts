import type { ApiKeyPolicy } from '../caller.interface.js';
import { AccessRefused } from './access-refused.exception.js';
import { matchesAnyGlob } from './channel-glob.js';
import type { TokenScope } from './token-scope.js';

/**
 * Refuses a request outside an API key's policy, checking kinds, channels,
 * roles and lifetimes in that order. A policy field that is absent sets no limit.
 */
export function checkApiKeyPolicy(policy: ApiKeyPolicy, scope: TokenScope): void {
  if (policy.kinds && !policy.kinds.includes(scope.kind)) {
    throw new AccessRefused('kinds', `this API key may not get ${scope.kind} tokens.`);
  }
  if (policy.channels && scope.channel !== undefined && !matchesAnyGlob(scope.channel, policy.channels)) {
    throw new AccessRefused('channels', `this API key may not get tokens for channel "${scope.channel}".`);
  }
  // A permission for `*` passes only a glob that matches every channel (see channel-glob.ts).
  const outside = policy.channels && scope.permissionChannels?.find(({ channel }) => !matchesAnyGlob(channel, policy.channels!));
  if (outside) {
    throw new AccessRefused('channels', `this API key may not get tokens for channel "${outside.channel}" (${outside.field}).`);
  }
  if (policy.roles && scope.role !== undefined && !policy.roles.includes(scope.role)) {
    throw new AccessRefused('roles', `this API key may not get ${scope.role} tokens.`);
  }
  const max = policy.maxExpireSeconds;
  const tooLong = max === undefined ? undefined : scope.lifetimes.find(({ seconds }) => seconds > max);
  if (tooLong) {
    throw new AccessRefused('maxExpireSeconds', `${tooLong.field} may be at most ${max} seconds for this API key.`);
  }
}
