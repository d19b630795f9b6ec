import { SECURITY_HEADERS } from '../../src/common/http/security-headers.js';
import type { RawResponse } from './raw-http.js';

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/** helmet's headers, which every answer of the service carries (nosniff among them), problems included. */
export function expectSecurityHeaders(response: Pick<RawResponse, 'headers'>): void {
  expect(response.headers).toMatchObject(SECURITY_HEADERS);
}
