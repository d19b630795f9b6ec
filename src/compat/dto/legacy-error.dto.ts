/** `{"error": …}`: how Agora-Node-TokenServer refused a request. */
export class LegacyErrorDto {
  /** @example "channel is required" */
  error: string;
}
