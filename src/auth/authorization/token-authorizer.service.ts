import { Injectable } from '@nestjs/common';
import type { AuthorizedGrants, TokenGrant } from '../../agora/token-grant.interface.js';
import type { Caller } from '../caller.interface.js';
import { AccessRefused } from './access-refused.exception.js';
import { checkApiKeyPolicy } from './api-key-policy.js';
import { matchesAnyGlob } from './channel-glob.js';
import { checkEndUserScope, checkEndUserService } from './end-user-scope.js';
import type { KindPolicy } from './kind-policy.js';
import { scopeOf } from './token-scope.js';

/**
 * Where every token, from /v1 or a compatibility route, meets its caller's
 * policy: the TokenIssuer asks it for the caller's lifetime cap before it
 * resolves the lifetime, and, once the kind has worked out what it will sign,
 * for a check of those grants themselves (a 403 naming the rule), so that what
 * is checked is what is signed. It sees grants and the kind's policy, never a
 * request DTO.
 *
 * @example
 * const authorized = authorizer.check(caller, RTM_TOKEN, 3600, grants); // 403 unless the caller may have them
 * signer.sign(3600, authorized);
 */
@Injectable()
export class TokenAuthorizer {
  /** The caller's own lifetime ceiling (an API key's maxExpireSeconds), for TokenExpiryPolicy.resolve. */
  lifetimeCap(caller: Caller): number | undefined {
    return caller.kind === 'apikey' ? caller.policy.maxExpireSeconds : undefined;
  }

  /**
   * Refuses a project outside the caller's `projects` globs (an API key's policy, an end user's
   * JWT_PROJECTS_CLAIM). `project` is the project's name, or the name a request gave that no project
   * has (so a limited caller learns nothing of which projects exist); '' for an App ID no project has,
   * which only a glob of stars alone matches. The refusal calls it `shownAs`, as the request named it.
   */
  checkProject(caller: Caller, project: string, shownAs = project): void {
    const allowed = caller.kind === 'apikey' ? caller.policy.projects : caller.kind === 'jwt' ? caller.projects : undefined;
    if (allowed && !matchesAnyGlob(project, allowed)) {
      const who = caller.kind === 'apikey' ? 'this API key may not use' : "the caller's token does not allow";
      throw new AccessRefused('projects', `${who} project ${shownAs}.`);
    }
  }

  /**
   * For a route that signs nothing but is guarded like the token routes (token inspection): refuses an
   * API key whose `kinds` lack the kind's name, and end users when the kind is refused to them or needs a
   * service their JWT_SERVICES_CLAIM does not name.
   */
  checkKind(caller: Caller, kind: KindPolicy): void {
    const kinds = caller.kind === 'apikey' ? caller.policy.kinds : undefined;
    if (kinds && !kinds.includes(kind.policyKind)) {
      throw new AccessRefused('kinds', `this API key's kinds do not include ${kind.policyKind}.`);
    }
    if (caller.kind === 'jwt' && kind.refusedToEndUsers) throw new AccessRefused(kind.refusedToEndUsers.rule, kind.refusedToEndUsers.detail);
    if (caller.kind === 'jwt') checkEndUserService(caller, kind);
  }

  /**
   * For a route that acts in a channel without signing a token for it (a media push converter, a stream key):
   * refuses a channel outside an API key's `channels` or an end user's channels claim (403 rule `channels`).
   */
  checkChannel(caller: Caller, channel: string): void {
    const allowed = caller.kind === 'apikey' ? caller.policy.channels : caller.kind === 'jwt' ? caller.channels : undefined;
    if (allowed && !matchesAnyGlob(channel, allowed)) {
      const who = caller.kind === 'apikey' ? 'this API key may not use' : "the caller's token does not allow";
      throw new AccessRefused('channels', `${who} channel "${channel}".`);
    }
  }

  /**
   * Refuses grants the caller may not have; `expireSeconds` is the lifetime they will be signed with.
   * The grants it returns, unchanged, are the only ones the signer accepts.
   */
  check(caller: Caller, kind: KindPolicy, expireSeconds: number, grants: readonly TokenGrant[]): AuthorizedGrants {
    switch (caller.kind) {
      case 'anonymous':
        break;
      case 'apikey':
        checkApiKeyPolicy(caller.policy, scopeOf(kind, expireSeconds, grants));
        break;
      case 'jwt':
        checkEndUserScope(caller, kind, scopeOf(kind, expireSeconds, grants));
        break;
      default: {
        const unknown: never = caller;
        throw new Error(`Unknown caller ${JSON.stringify(unknown)}`);
      }
    }
    // The one place grants become authorized (see AuthorizedGrants).
    return grants as AuthorizedGrants;
  }
}
