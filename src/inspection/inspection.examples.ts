/**
 * Swagger UI's request examples: tokens signed with the demo credentials (see agora.config.ts) by
 * agora-token's builders, so on a fresh clone they verify (`signedWith: primary`); they have expired.
 */
export const INSPECT_EXAMPLES = {
  rtc: {
    summary: 'An RTC publisher token (uid 42 in demo-room)',
    value: {
      token:
        '007eJxTYHjy893ZyGdr/jLMyGO9uTi4z9/p84V4RgaDeevm88wJWO2lwGBgaGRsYmpmbmGZmJSckpqGznfU5s0W4GNg4BSZwsTIwMjAwsDIAOIzgUlmMMkCJjkZUlJz83WL8vNzmRhMjAA+XR/m',
    },
  },
  rtm: {
    summary: 'A Signaling token (user alice)',
    value: { token: '007eJxTYGCpsI749fjs0ri7jsrl8/huKEz8md/FED6drb5S4NTRD8cVGAwMjYxNTM3MLSwTk5JTUtPQ+Y7avNkCfAwMqRt1GRgZmBgYGRgZQHxWhsSczORUAO85HU0=' },
  },
  garbage: { summary: 'Not a token (answers 400)', value: { token: 'not-a-token' } },
};
