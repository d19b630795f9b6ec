/** Swagger UI's example bodies for the media pull routes. */
export const CREATE_EXAMPLES = {
  live: {
    summary: 'Play a live FLV stream into a channel',
    value: { channel: 'demo-room', streamUrl: 'https://media.example.com/live/show.flv', uid: 1001, idleTimeoutSeconds: 60 },
  },
  transcoded: {
    summary: 'An on-demand file, looped and transcoded, in Europe',
    value: {
      channel: 'demo-room',
      streamUrl: 'https://media.example.com/vod/intro.mp4',
      account: 'intro-player',
      region: 'eu',
      repeatTime: -1,
      audioOptions: { profile: 2 },
      videoOptions: { width: 1280, height: 720, frameRate: 15, bitrate: 1130, codec: 'H.264', fillMode: 'fit' },
    },
  },
};

export const UPDATE_EXAMPLES = {
  volume: { summary: 'Turn the volume down and pause', value: { volume: 40, paused: true } },
  stream: { summary: 'Switch to another stream', value: { streamUrl: 'rtmp://media.example.com/live/backup' } },
  seek: { summary: 'Jump to 2 minutes in (on-demand)', value: { seekPosition: 120 } },
};
