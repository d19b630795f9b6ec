import { expect } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestKey } from './api-keys.js';
import { decodeToken } from './decode-token.js';
import { postJson, validationProblem } from './http.js';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/**
 * Calls one token route as an API key (a TestKey) or an end user (a JWT string), and checks the
 * three answers specs look for: a token (decoded), a 400 naming fields, a 403 naming a rule.
 */
export function tokenRouteClient(app: () => NestFastifyApplication, url: string, defaultCredential: TestKey) {
  const post = (body: unknown, credential: TestKey | string = defaultCredential) =>
    postJson(app(), url, body, typeof credential === 'string' ? { authorization: `Bearer ${credential}` } : { 'x-api-key': credential.key });
  const issue = async (body: unknown, credential?: TestKey | string) => {
    const response = await post(body, credential);
    expect(response.statusCode).toBe(200);
    return { response, body: response.json(), token: decodeToken(response.json().token) };
  };
  const refuse = async (body: unknown, errors: Array<{ field: string; message: string }>) => {
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe(PROBLEM_JSON);
    expect(response.json()).toEqual(validationProblem(url, errors));
  };
  const forbid = async (body: unknown, credential: TestKey | string, rule: string, detail: string) => {
    const response = await post(body, credential);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toBe(PROBLEM_JSON);
    expect(response.json()).toMatchObject({ rule, detail: `Refused by rule ${rule}: ${detail}` });
  };
  return { post, issue, refuse, forbid };
}
