import { decodeToken } from '../../test/support/decode-token.js';
import { ANONYMOUS, testIssuer } from '../../test/support/signer.js';
import { TokenRequestDto } from '../agora/dto/token-request.dto.js';
import type { RtmGrant } from '../agora/token-grant.interface.js';
import { AccessRefused } from '../auth/authorization/access-refused.exception.js';
import type { ApiKeyCaller, Caller } from '../auth/caller.interface.js';
import { attachCaller } from '../auth/current-caller.decorator.js';
import { issuedOn } from '../common/logging/request-record.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { userIdField } from './identity-binding.js';
import type { TokenKind } from './token-kind.interface.js';

/** A kind made only of data, as a new one would be: a Signaling login. */
class LoginDto extends TokenRequestDto {
  userId?: string;
}
const LOGIN: TokenKind<LoginDto, [RtmGrant], { token: string; userId: string }> = {
  request: LoginDto,
  policyKind: 'rtm',
  identity: [userIdField<LoginDto>('userId')],
  grants: ({ userId }, seconds) => [{ service: 'rtm', userId: userId!, loginSeconds: seconds }],
  respond: (signed, _request, [{ userId }]) => Object.assign(signed, { userId }),
  summarize: (_request, [{ userId }]) => ({ kind: 'login', user: userId }),
};

describe('TokenIssuer', () => {
  const key = (policy: ApiKeyCaller['policy']): ApiKeyCaller => ({ kind: 'apikey', id: 'k', policy });

  /** A caller as the caller gate leaves it: recorded on its request. */
  function onRequest<C extends Caller>(caller: C): { caller: C; request: object } {
    const request = {};
    attachCaller(request, caller);
    return { caller, request };
  }

  async function issuedCount(metrics: ReturnType<typeof testIssuer>['metrics'], kind: string): Promise<number> {
    const metric = await metrics.registry.getSingleMetric('agora_tokens_issued_total')!.get();
    return metric.values.find((value) => value.labels.kind === kind)?.value ?? 0;
  }

  it('binds, resolves the lifetime, signs the grants, and records the token on the caller’s request', async () => {
    const { issuer, metrics } = testIssuer();
    const { caller, request } = onRequest({ kind: 'jwt', id: 'alice' } as const);

    const issued = issuer.issue(LOGIN, {}, caller);

    expect(decodeToken(issued.token)).toMatchObject({ expire: 3600, rtm: { userId: 'alice', privileges: { login: 3600 } } });
    expect(issued.userId).toBe('alice');
    expect(issuedOn(request)).toEqual([{ kind: 'login', user: 'alice' }]);
    expect(await issuedCount(metrics, 'login')).toBe(1);
  });

  it('records every token issued on one request, in order, and none on another request', () => {
    const { issuer } = testIssuer();
    const first = onRequest(key({}));
    const second = onRequest(key({}));

    issuer.issue(LOGIN, { userId: 'a' }, first.caller);
    issuer.issue(LOGIN, { userId: 'b' }, first.caller);

    expect(issuedOn(first.request)).toEqual([{ kind: 'login', user: 'a' }, { kind: 'login', user: 'b' }]);
    expect(issuedOn(second.request)).toBeUndefined();
  });

  it('gives a key capped below the default lifetime its cap, and leaves other keys the default', () => {
    const { issuer } = testIssuer();
    const expireOf = (caller: Caller) => decodeToken(issuer.issue(LOGIN, { userId: 'u' }, caller).token).expire;

    expect(expireOf(key({ maxExpireSeconds: 600 }))).toBe(600);
    expect(expireOf(key({ maxExpireSeconds: 7200 }))).toBe(3600);
    expect(expireOf(key({}))).toBe(3600);
    expect(decodeToken(issuer.issue(LOGIN, { userId: 'u', expireSeconds: 60 }, key({ maxExpireSeconds: 600 })).token).expire).toBe(60);
  });

  it('refuses a lifetime over the configured ceiling before anything is signed', async () => {
    const { issuer, metrics } = testIssuer({ defaultExpireSeconds: 3600, maxExpireSeconds: 7200 });

    expect(() => issuer.issue(LOGIN, { userId: 'u', expireSeconds: 7201 }, ANONYMOUS)).toThrow(ValidationProblemException);
    expect(await issuedCount(metrics, 'login')).toBe(0);
  });

  it('signs, counts and records nothing the policy refuses', async () => {
    const { issuer, metrics } = testIssuer();
    const { caller, request } = onRequest(key({ kinds: ['rtc'] }));

    expect(() => issuer.issue(LOGIN, { userId: 'u' }, caller)).toThrow(AccessRefused);
    expect(issuedOn(request)).toBeUndefined();
    expect(await issuedCount(metrics, 'login')).toBe(0);
  });
});
