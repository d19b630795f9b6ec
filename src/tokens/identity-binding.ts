import { randomUUID } from 'node:crypto';
import { USER_ID_MAX_BYTES } from '../agora/agora.constants.js';
import { AccessRefused } from '../auth/authorization/access-refused.exception.js';
import type { Caller, JwtCaller } from '../auth/caller.interface.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';

/**
 * One request field (or pair) that a caller's identity binds. Made once per
 * kind (no state, no closure per request); the issuer applies them in order,
 * before anything else, completing the request in place.
 */
export interface IdentityField<Request> {
  /** An end user's request: the field must be their identity, and becomes it when absent. */
  bindEndUser(request: Request, caller: JwtCaller): void;
  /** Any other caller's request: nothing to bind, but the field may be required. */
  bindOther(request: Request): void;
}

/** Applies a kind's identity fields to the request. */
export function bindIdentity<Request>(fields: readonly IdentityField<Request>[], request: Request, caller: Caller): void {
  for (const field of fields) {
    if (caller.kind === 'jwt') field.bindEndUser(request, caller);
    else field.bindOther(request);
  }
}

type StringField<R> = { [K in keyof R]-?: R[K] extends string | undefined ? K : never }[keyof R] & string;
type NumberField<R> = { [K in keyof R]-?: R[K] extends number | undefined ? K : never }[keyof R] & string;

/**
 * A user id that callers other than end users must name (a Chat user token: without one, they ask for
 * the app token): an end user's is their identity (it must equal it, and defaults to it); any other
 * caller must send it.
 */
export function userIdField<R>(field: StringField<R>): IdentityField<R> {
  return {
    bindEndUser: (request, caller) => bindOwnUserId(request, field, caller),
    bindOther(request) {
      // Only an end user's identity can stand in for it (see the DTO).
      if ((request as Record<string, unknown>)[field] === undefined) {
        throw ValidationProblemException.field(field, `${field} is required`);
      }
    },
  };
}

/**
 * A user id that anyone may leave out (RTM, the Flexible Classroom user): an end user's is their identity
 * (it must equal it, and defaults to it); any other caller who names no user gets a fresh one
 * ({@link generatedUserId}), as RTC gives a random uid, and the answer says which.
 */
export function userIdOrGenerated<R>(field: StringField<R>): IdentityField<R> {
  return {
    bindEndUser: (request, caller) => bindOwnUserId(request, field, caller),
    bindOther(request) {
      const values = request as Record<string, unknown>;
      values[field] ??= generatedUserId();
    },
  };
}

/**
 * A user id for a caller who named none: a random UUID, whose 122 random bits make it no one else's
 * (another caller's, an end user's identity) by chance. Its 36 characters (lowercase hex and `-`) are
 * within both a Signaling user id's and a Flexible Classroom `userUuid`'s rules (at most 64 bytes of
 * the channel characters).
 */
function generatedUserId(): string {
  return randomUUID();
}

/** An end user's user id: their identity, whether sent or left out; another user is a 403. */
function bindOwnUserId(request: unknown, field: string, caller: JwtCaller): void {
  const values = request as Record<string, unknown>;
  if (values[field] !== undefined && values[field] !== caller.id) throw notYours(field);
  if (Buffer.byteLength(caller.id) > USER_ID_MAX_BYTES) {
    throw new AccessRefused('identity', `the caller's identity is longer than a user id may be (${USER_ID_MAX_BYTES} bytes).`);
  }
  values[field] = caller.id;
}

/**
 * An RTC user, named by a numeric uid or a string account: an end user's
 * `account` must equal their identity (and becomes it when neither is sent);
 * a `uid` is allowed only when the identity is that number, and never 0 (any
 * user). Other callers may send either or neither (a random uid).
 */
export function rtcUserFields<R>(uid: NumberField<R>, account: StringField<R>): IdentityField<R> {
  return {
    bindEndUser(request, caller) {
      const values = request as Record<string, unknown>;
      if (values[account] !== undefined) {
        if (values[account] !== caller.id) throw notYours(account);
      } else if (values[uid] !== undefined) {
        if (values[uid] === 0 || String(values[uid]) !== caller.id) throw notYours(uid);
      } else {
        values[account] = caller.id;
      }
    },
    bindOther() {},
  };
}

function notYours(field: string): AccessRefused {
  return new AccessRefused('identity', `${field} must be the caller's own identity.`);
}
