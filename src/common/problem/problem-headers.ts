/** Where an error keeps the headers its answer must carry (a symbol key: no clash with an error's own fields). */
const HEADERS = Symbol('problemHeaders');

type Headers = Readonly<Record<string, string>>;

/**
 * Attaches headers to an error's answer, where the error is raised: a 401's
 * `WWW-Authenticate` challenge, a 429's or 503's `Retry-After`. The
 * ProblemDetailsFilter sends them with that error's problem body, so they
 * reach no other response.
 *
 * @example
 * throw withHeaders(new HttpException(detail, 429), { 'Retry-After': '30' });
 */
export function withHeaders<E extends object>(error: E, headers: Headers): E {
  return Object.assign(error, { [HEADERS]: { ...headersOf(error), ...headers } });
}

/** The headers attached to `error` with {@link withHeaders}; none for anything else. */
export function headersOf(error: unknown): Headers {
  return (typeof error === 'object' && error !== null && (error as { [HEADERS]?: Headers })[HEADERS]) || {};
}
