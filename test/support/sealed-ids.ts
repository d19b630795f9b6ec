/**
 * Whether `changed` spells the same sealed id as `id`: each `.`-separated part decodes (base64url) to the same bytes.
 * Node's decoder ignores the spare bits of a part's last character, so such a respelling opens the same resource,
 * by design of src/agora-services/sealed-id.codec.ts: specs that alter ids must leave these out.
 */
export function respells(changed: string, id: string): boolean {
  const parts = changed.split('.');
  const original = id.split('.');
  return parts.length === original.length && parts.every((part, at) => Buffer.from(part, 'base64url').equals(Buffer.from(original[at], 'base64url')));
}
