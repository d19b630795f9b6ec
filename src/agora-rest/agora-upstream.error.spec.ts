import { AgoraUpstreamError } from './agora-upstream.error.js';

const isUnknownOutcome = (error: unknown) => error instanceof AgoraUpstreamError && error.mayHaveCreated;

/** Which create failures leave it unknown whether Agora made the resource (a timeout takes 10 s e2e, so it is here). */
describe('AgoraUpstreamError.mayHaveCreated', () => {
  const api = 'media-push.create';

  it('counts a timeout, a connection broken after sending, Agora’s 504 and a success without an id as unknown', () => {
    expect(isUnknownOutcome(AgoraUpstreamError.timeout(api, 10_000))).toBe(true);
    expect(isUnknownOutcome(AgoraUpstreamError.unreachable(api, true))).toBe(true);
    expect(isUnknownOutcome(AgoraUpstreamError.answer(api, { status: 504 }))).toBe(true);
    expect(isUnknownOutcome(AgoraUpstreamError.answer(api, { status: 200, message: 'the answer carried no converter id' }))).toBe(true);
  });

  it('restates a failure with more detail, keeping what it was', () => {
    const first = AgoraUpstreamError.answer(api, { status: 504 });
    const restated = first.withDetail('Agora lists none.');
    expect({ message: restated.message, status: restated.getStatus(), upstream: restated.upstream, failure: restated.failure }).toEqual({
      message: 'Agora lists none.',
      status: first.getStatus(),
      upstream: first.upstream,
      failure: 'answer',
    });
  });

  it('counts a request that never left, Agora’s refusals and its rate limit as known: nothing was created', () => {
    expect(isUnknownOutcome(AgoraUpstreamError.unreachable(api, false))).toBe(false);
    for (const status of [400, 401, 403, 404, 409, 500, 502, 503]) expect(isUnknownOutcome(AgoraUpstreamError.answer(api, { status }))).toBe(false);
    expect(isUnknownOutcome(AgoraUpstreamError.rateLimited(api, { status: 429 }, 1))).toBe(false);
    expect(isUnknownOutcome(new Error('other'))).toBe(false);
  });
});
