import { expect } from '@jest/globals';
import { kApaasServiceType } from 'agora-token/src/AccessToken2.js';
import { createHash } from 'node:crypto';
import { decodeToken006 } from './decode-token-006.js';
import { decodeToken } from './decode-token.js';
import { resolve, type OpenApiDocument, type Schema } from './openapi-schemas.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';
import { tokenContent } from './token-services.js';

/** The user the `API keys:` examples name (an end user may name only themselves), and the tests' end user. */
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

/**
 * Asserts an issued token is genuine: signed with the test project's certificate for its App ID, and for
 * the users the answer names: for an end user (`identity`), every user it names is theirs; for any other
 * caller, every user it names is one the answer gives (the user sent, or the one the service chose). A
 * Chat user may be the md5 of one (as Flexible Classroom names its chat user).
 */
export function expectGenuineToken(body: Record<string, unknown>, identity?: string): void {
  const token = String(body.token);
  const answered = [body.uid, body.account, body.userId, body.userUuid, body.rtmUserId].filter((user) => user !== undefined).map(String);
  const users = identity === undefined ? answered : [identity];
  if (token.startsWith('006')) {
    // A 006 token holds only CRCs of its channel and user: it verifies only for the ones asked.
    const [channel, user] = body.channel === undefined ? [String(body.userId), ''] : [String(body.channel), String(body.account ?? body.uid)];
    const decoded = decodeToken006(token);
    expect({ appId: decoded.appId, signs: decoded.signs(TEST_APP_CERTIFICATE, channel, user) }).toEqual({ appId: TEST_APP_ID, signs: true });
    expect(users).toContain(body.channel === undefined ? channel : user);
    return;
  }
  const decoded = decodeToken(token);
  expect({ appId: decoded.appId, verifies: decoded.verifies(TEST_APP_CERTIFICATE), services: decoded.serviceCount > 0 }).toEqual({
    appId: TEST_APP_ID,
    verifies: true,
    services: true,
  });
  const named = [decoded.rtc?.uid, decoded.rtm?.userId, decoded.rtm2?.userId, ...classroomUsersOf(token)].filter((user) => user !== undefined);
  expect(named.filter((user) => !users.includes(user))).toEqual([]);
  if (decoded.chat?.privileges.user !== undefined) {
    expect([...users, ...users.map((user) => createHash('md5').update(user).digest('hex'))]).toContain(decoded.chat.userId);
  }
}

/** The Flexible Classroom users a token names (its APaaS service's user; empty in an app token). */
function classroomUsersOf(token: string): string[] {
  return tokenContent(token)
    .services.filter((service) => service.__type === kApaasServiceType && service.__user_uuid !== '')
    .map((service) => String(service.__user_uuid));
}
