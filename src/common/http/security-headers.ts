import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Swagger UI (/docs) loads its scripts and styles from this server and sets
 * inline styles; it calls the API on the same origin. Nothing else is allowed.
 * `upgrade-insecure-requests` is left out so the docs also work over plain
 * HTTP inside a private network.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  upgradeInsecureRequests: null,
};

/**
 * helmet's headers, worked out once: none of them depends on the request, so
 * every response gets the same frozen set in one step, rather than helmet's
 * middleware (or @fastify/helmet, which also rebuilds it per request) setting
 * them one by one on every request. Left out: headers only legacy clients
 * read (X-XSS-Protection, X-Download-Options for IE8, X-Permitted-Cross-
 * Domain-Policies for Flash) or that apply to HTML documents' subresources
 * (X-DNS-Prefetch-Control, Origin-Agent-Cluster). What remains covers the
 * JSON API and the docs page: CSP, nosniff, frame options, HSTS, referrer and
 * cross-origin policies.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = headersSetBy(
  helmet({
    contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY },
    xXssProtection: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xDnsPrefetchControl: false,
    originAgentCluster: false,
  }),
);

/** The headers a (request-independent) connect-style middleware sets on a response. */
function headersSetBy(middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined,
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
  });
  return Object.freeze(headers);
}
