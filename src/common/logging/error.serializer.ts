import { stdSerializers } from 'pino';

type SerializedError = ReturnType<typeof stdSerializers.err>;

/**
 * pino's error serializer, less `rawPacket`: Node puts the raw bytes of a
 * request it could not parse on that field (headers included, so an
 * `X-API-Key` or `Authorization` value), and pino would write them as a JSON
 * array of numbers, out of reach of the headers' redaction. Dropped at every
 * depth (pino serializes errors found on an error's fields and in
 * `aggregateErrors` too), wherever an error is logged as `err`.
 */
export function serializeError(error: Error): SerializedError {
  const serialized = stdSerializers.err(error);
  dropRawBytes(serialized, Object.getPrototypeOf(serialized) as object);
  return serialized;
}

/** `serialized` is pino's fresh copy, not the error: deleting from it leaves the error as it was. */
function dropRawBytes(serialized: SerializedError, serializedErrorProto: object): void {
  delete serialized.rawPacket;
  for (const value of Object.values(serialized).flat()) {
    // Nested errors are serialized by pino the same way, with the same prototype.
    if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === serializedErrorProto) {
      dropRawBytes(value as SerializedError, serializedErrorProto);
    }
  }
}
