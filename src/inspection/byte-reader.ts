/** Why a string is not a token this service can decode (a 400's detail: never echoes the token). */
export class MalformedToken extends Error {}

/**
 * Reads the little-endian, length-prefixed fields Agora's tokens are made of, refusing to read past
 * the end (agora-token's own reader pads a short string with zero bytes instead).
 */
export class ByteReader {
  private position = 0;

  constructor(private readonly bytes: Buffer) {}

  uint16(): number {
    return this.bytes.readUInt16LE(this.take(2));
  }

  int16(): number {
    return this.bytes.readInt16LE(this.take(2));
  }

  uint32(): number {
    return this.bytes.readUInt32LE(this.take(4));
  }

  /** A uint16 length, then that many bytes. */
  bytesField(): Buffer {
    const length = this.uint16();
    const start = this.take(length);
    return this.bytes.subarray(start, start + length);
  }

  /** A length-prefixed UTF-8 string. */
  string(): string {
    return this.bytesField().toString('utf8');
  }

  /** A uint16 count, then that many (uint16 key, uint32 value) pairs. */
  uint32Map(): Map<number, number> {
    const map = new Map<number, number>();
    for (let count = this.uint16(); count > 0; count--) map.set(this.uint16(), this.uint32());
    return map;
  }

  /** Refuses bytes left over: a token is exactly its fields. */
  end(): void {
    if (this.position !== this.bytes.length) throw new MalformedToken('the token has bytes after its last field');
  }

  private take(length: number): number {
    const start = this.position;
    if (start + length > this.bytes.length) throw new MalformedToken('the token ends in the middle of a field');
    this.position += length;
    return start;
  }
}
