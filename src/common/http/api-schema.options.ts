/**
 * Schema fragments for what the service checks, to spread into `@ApiProperty`,
 * `@ApiParam` and `@ApiQuery`, so the document states each limit as the
 * service applies it. (test/openapi-lint.e2e-spec.ts holds the document to them.)
 */

/** A whole number from `minimum` to `maximum`: the service takes and gives no fractions. */
export function integerSchema(minimum: number, maximum: number) {
  return { type: 'integer', minimum, maximum } as const;
}

/**
 * A string the service limits in UTF-8 bytes. JSON Schema counts characters,
 * and every character is at least one byte, so `maxLength` is the byte limit
 * (exact for ASCII, an upper bound otherwise); `x-max-bytes` is the limit the
 * service checks, which non-ASCII text reaches in fewer characters.
 */
export function byteLimitedSchema(minBytes: number, maxBytes: number) {
  return { type: 'string', minLength: minBytes, maxLength: maxBytes, 'x-max-bytes': maxBytes } as const;
}
