import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import { isUnknownOutcome } from './lost-create.js';

/** Which create failures leave it unknown whether Agora runs the converter (a timeout takes 10 s e2e, so it is here). */
describe('isUnknownOutcome', () => {
  const api = 'media-push.create';

  it('counts a timeout, a connection broken after sending, Agora’s 504 and a success without an id as unknown', () => {
    expect(isUnknownOutcome(AgoraUpstreamError.timeout(api, 10_000))).toBe(true);
    expect(isUnknownOutcome(AgoraUpstreamError.unreachable(api, true))).toBe(true);
    expect(isUnknownOutcome(AgoraUpstreamError.answer(api, { status: 504 }))).toBe(true);
    expect(isUnknownOutcome(AgoraUpstreamError.answer(api, { status: 200, message: 'the answer carried no converter id' }))).toBe(true);
  });

  it('counts a request that never left, Agora’s refusals and its rate limit as known: nothing was created', () => {
    expect(isUnknownOutcome(AgoraUpstreamError.unreachable(api, false))).toBe(false);
    for (const status of [400, 401, 403, 404, 409, 500, 502, 503]) expect(isUnknownOutcome(AgoraUpstreamError.answer(api, { status }))).toBe(false);
    expect(isUnknownOutcome(AgoraUpstreamError.rateLimited(api, { status: 429 }, 1))).toBe(false);
    expect(isUnknownOutcome(new Error('other'))).toBe(false);
  });
});
