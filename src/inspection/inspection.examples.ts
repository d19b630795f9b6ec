/**
 * Swagger UI's request examples: tokens signed with the demo credentials (see agora.config.ts) by
 * agora-token's builders, so on a fresh clone they verify (`signedWith: primary`); they have expired.
 */
const LEGACY_EXAMPLE =
  '0060123456789abcdef0123456789abcdefIACkABDjv6F/5JfWSfBtzVXYkG7WxAiGdBxhbHt2tINrUUGfxAaIsCQyIgABBY2VFIAOawQAAQCkPA1rAgCkPA1rAwCkPA1rBACkPA1r';

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
  legacy: {
    summary: 'A legacy 006 RTC token, checked with the channel and uid it was built for',
    value: {
      token: LEGACY_EXAMPLE,
      channel: 'demo-room',
      user: '42',
    },
  },
  garbage: { summary: 'Not a token (answers 400)', value: { token: 'not-a-token' } },
};
