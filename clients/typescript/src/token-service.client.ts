import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import { bindOperations, type Operations } from './operations.js';
import type { components, paths } from './schema.js';

/** A problem (RFC 9457, application/problem+json): the body of every error the service answers. */
export type Problem = components['schemas']['ProblemDto'];

/** A credential, or a function giving the current one (called on every request: an end user's JWT refreshes). */
export type Credential = string | (() => string | Promise<string>);

/** Where the service is, and what openapi-fetch needs besides (`fetch`, `headers`, …). */
export interface TokenServiceConnection extends Omit<ClientOptions, 'baseUrl'> {
  /** The service's root URL, e.g. `https://tokens.example.com` (the document's paths start at it). */
  baseUrl: string;
}

/**
 * Where the service is, and the caller's credential: `token` or `apiKey`, never both (the service takes one
 * credential per request, so giving both is a type error, and a TypeError for callers without types).
 */
export type TokenServiceClientOptions = TokenServiceConnection &
  (
    | {
        /** An end user's JWT (AUTH_MODE jwt), sent as `Authorization: Bearer …`. */
        token?: Credential;
        apiKey?: never;
      }
    | {
        /** A server-side API key (AUTH_MODE apikey), sent as `X-API-Key`. Never ship one to a browser or an app. */
        apiKey?: Credential;
        token?: never;
      }
  );

/** Every operation of the service as a function, and the openapi-fetch client under them (`raw`). */
export type TokenServiceClient = Operations & { readonly raw: Client<paths> };

/**
 * A client of the token service, its credential set once.
 *
 * @example
 * const tokens = createTokenServiceClient({ baseUrl: 'https://tokens.example.com', token: userJwt });
 * const { data, error } = await tokens.createRtcToken({ body: { channel: 'room-1', role: 'publisher' } });
 */
export function createTokenServiceClient(options: TokenServiceClientOptions): TokenServiceClient {
  const { token, apiKey, ...fetchOptions } = options;
  if (token !== undefined && apiKey !== undefined) throw new TypeError('Give token or apiKey, not both: the service takes one credential per request.');
  const client = createClient<paths>(fetchOptions);
  if (token !== undefined) client.use(sendCredential('Authorization', token, (value) => `Bearer ${value}`));
  if (apiKey !== undefined) client.use(sendCredential('X-API-Key', apiKey, (value) => value));
  return { ...bindOperations(client), raw: client };
}

/** Sets `header` on every request from the credential (the headers the document's securitySchemes name). */
function sendCredential(header: string, credential: Credential, format: (value: string) => string): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof credential === 'function' ? await credential() : credential;
      request.headers.set(header, format(value));
      return request;
    },
  };
}
