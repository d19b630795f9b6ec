import type { Response } from 'light-my-request';
import { decodeToken, type DecodedToken } from './decode-token.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';

/** The RTC privileges of each role, every one lasting `seconds`. */
export const publisher = (seconds: number) => ({
  joinChannel: seconds,
  publishAudio: seconds,
  publishVideo: seconds,
  publishData: seconds,
});
export const subscriber = (seconds: number) => ({ joinChannel: seconds });

/**
 * Decodes a token a legacy route returned and checks what every token must
 * be: for the test app, signed with the test certificate (and no other),
 * issued during the test.
 */
export function decodeIssued(token: unknown, issuedNotBefore: number): DecodedToken {
  expect(typeof token).toBe('string');
  const decoded = decodeToken(token as string);
  expect(decoded.appId).toBe(TEST_APP_ID);
  expect(decoded.verifies(TEST_APP_CERTIFICATE)).toBe(true);
  expect(decoded.verifies(OTHER_CERTIFICATE)).toBe(false);
  expect(decoded.issueTs).toBeGreaterThanOrEqual(issuedNotBefore);
  expect(decoded.issueTs).toBeLessThanOrEqual(nowSeconds());
  return decoded;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The field errors of a validation problem (400, problem+json, the validation type). */
export function fieldErrors(response: Response): { field: string; message: string }[] {
  expect(response.statusCode).toBe(400);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const problem = response.json<{ type: string; errors?: { field: string; message: string }[] }>();
  expect(problem.type).toBe('urn:agora-token-service:problem:validation');
  return problem.errors ?? [];
}
