import { expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import { decodeToken006 } from './decode-token-006.js';
import { decodeToken } from './decode-token.js';
import { resolve, type OpenApiDocument, type Schema } from './openapi-schemas.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';

/** The user the request examples name where API keys must name one: an end user may name only themselves. */
export const EXAMPLE_USER = 'alice';

/** Who a request example is for, as its summary begins (`Any caller: …`). */
export type ExampleCallers = 'Any caller' | 'API keys' | 'End users';
const CALLERS = /^(Any caller|API keys|End users): \S/;

export interface TokenExample {
  key: string;
  summary: string;
  /** Undefined when the summary does not say. */
  callers: ExampleCallers | undefined;
  value: Record<string, unknown>;
}

export interface TokenRoute {
  path: string;
  request: Schema;
  response: Schema;
  /** In the document's order: the first is Swagger UI's default. */
  examples: TokenExample[];
}

interface ExampleOperation {
  requestBody?: { content: Record<string, { schema: Schema; examples?: Record<string, { summary?: string; value: Record<string, unknown> }> }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

/**
 * The token routes in a served OpenAPI document: every POST under /v1 whose 200 answer carries a `token`
 * (so a route added later is found without a list).
 */
export function tokenRoutesOf(document: OpenApiDocument): TokenRoute[] {
  return Object.entries(document.paths).flatMap(([path, operations]) => {
    const operation = (operations as Record<string, ExampleOperation>).post;
    const response = operation?.responses['200']?.content?.['application/json']?.schema;
    if (!path.startsWith('/v1/') || !response || !resolve(document, response).properties?.token) return [];
    const body = operation.requestBody!.content['application/json'];
    const examples = Object.entries(body.examples ?? {}).map(([key, { summary = '', value }]) => ({
      key,
      summary,
      callers: CALLERS.exec(summary)?.[1] as ExampleCallers | undefined,
      value,
    }));
    return [{ path, request: body.schema, response, examples }];
  });
}

/** Whether an example names the examples' user (so only that end user, or an API key, may send it as it stands). */
export function namesExampleUser(example: TokenExample): boolean {
  return Object.values(example.value).includes(EXAMPLE_USER);
}

/**
 * Asserts an issued token is genuine: signed with the test project's certificate for its App ID, and, for
 * an end user (`identity`), for no one else: every user it names is theirs (a Classroom token's Chat user
 * is md5 of it, as Flexible Classroom names it).
 */
export function expectGenuineToken(body: Record<string, unknown>, identity?: string): void {
  const token = String(body.token);
  if (token.startsWith('006')) {
    // A 006 token holds only CRCs of its channel and user: it verifies only for the ones asked.
    const [channel, user] = body.channel === undefined ? [String(body.userId), ''] : [String(body.channel), String(body.account ?? body.uid)];
    const decoded = decodeToken006(token);
    expect({ appId: decoded.appId, signs: decoded.signs(TEST_APP_CERTIFICATE, channel, user) }).toEqual({ appId: TEST_APP_ID, signs: true });
    if (identity !== undefined) expect(body.channel === undefined ? channel : user).toBe(identity);
    return;
  }
  const decoded = decodeToken(token);
  expect({ appId: decoded.appId, verifies: decoded.verifies(TEST_APP_CERTIFICATE), services: decoded.serviceCount > 0 }).toEqual({
    appId: TEST_APP_ID,
    verifies: true,
    services: true,
  });
  if (identity === undefined) return;
  const users = [decoded.rtc?.uid, decoded.rtm?.userId, decoded.rtm2?.userId].filter((user) => user !== undefined);
  expect(users.every((user) => user === identity)).toBe(true);
  if (decoded.chat) expect([identity, createHash('md5').update(identity).digest('hex')]).toContain(decoded.chat.userId);
}
