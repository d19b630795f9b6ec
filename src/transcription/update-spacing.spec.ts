import { jest } from '@jest/globals';
import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import { headersOf } from '../common/problem/problem-headers.js';
import { UPDATE_SPACING_MS, UpdateSpacing } from './update-spacing.js';

describe('UpdateSpacing', () => {
  const start = 1_800_000_000_000;
  let now = start;
  beforeAll(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterAll(() => jest.restoreAllMocks());

  /** The Retry-After of the 429 a claim throws, or `free` when it takes the slot. */
  const claim = (spacing: UpdateSpacing, agentId = 'agent') => {
    try {
      spacing.claim(agentId, start);
      return 'free';
    } catch (error) {
      expect(error).toMatchObject({ status: 429 });
      return headersOf(error)['Retry-After'];
    }
  };

  it('frees an agent 5 s after its start and after each update, rounding the wait up to whole seconds', () => {
    const spacing = new UpdateSpacing();
    now = start + 1;
    expect(claim(spacing)).toBe('5');
    now = start + UPDATE_SPACING_MS - 1001;
    expect(claim(spacing)).toBe('2');
    now = start + UPDATE_SPACING_MS;
    expect(claim(spacing)).toBe('free');
    expect(claim(spacing)).toBe('5');
    expect(claim(spacing, 'another agent')).toBe('free');
  });

  it('gives the slot back only when Agora refused without acting: its rate limit, or no connection made', () => {
    const spacing = new UpdateSpacing();
    now = start + UPDATE_SPACING_MS;
    const untouched = [AgoraUpstreamError.rateLimited('transcription.update', { status: 429 }, 1), AgoraUpstreamError.unreachable('transcription.update', false)];
    for (const error of untouched) {
      spacing.claim('agent', start)(error);
      expect(claim(spacing)).toBe('free'); // and taken again, until 5 s on
      now += UPDATE_SPACING_MS;
    }
    const acted = [AgoraUpstreamError.unreachable('transcription.update', true), AgoraUpstreamError.timeout('transcription.update', 10_000), AgoraUpstreamError.answer('transcription.update', { status: 500 })];
    for (const error of acted) {
      spacing.claim('agent', start)(error);
      expect(claim(spacing)).toBe('5');
      now += UPDATE_SPACING_MS;
    }
  });
});
