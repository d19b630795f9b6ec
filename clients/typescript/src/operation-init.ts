import type { FetchResponse, MaybeOptionalInit } from 'openapi-fetch';

/** The keys of `T` a caller must give. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/**
 * What an operation's function takes, as openapi-fetch's own methods take it: the path parameters, query and body
 * the document gives the operation (and fetch's options), optional when the operation needs none of them.
 */
export type OperationInit<PathItem, Method extends keyof PathItem> =
  RequiredKeys<MaybeOptionalInit<PathItem, Method>> extends never
    ? [init?: MaybeOptionalInit<PathItem, Method> & { [key: string]: unknown }]
    : [init: MaybeOptionalInit<PathItem, Method> & { [key: string]: unknown }];

/**
 * What an operation's function answers: `data` (the documented success body) or `error` (the documented problem
 * body of the status the service answered), and the fetch `response` either way.
 */
export type OperationResult<PathItem, Method extends keyof PathItem> = Promise<
  FetchResponse<PathItem[Method] & Record<string | number, unknown>, MaybeOptionalInit<PathItem, Method>, `${string}/${string}`>
>;
