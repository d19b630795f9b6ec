/** Swagger UI's request examples for the media push routes. */
export const CREATE_EXAMPLES = {
  raw: {
    summary: 'Push one user’s stream as it is',
    value: { channel: 'show-68', rtcStreamUid: 201, rtmpUrl: 'rtmp://live.example.com/app/stream-key' },
  },
  transcoded: {
    summary: 'Mix two users side by side with all users’ audio, in Europe',
    value: {
      channel: 'show-68',
      region: 'eu',
      rtmpUrl: 'rtmps://live.example.com:443/app/stream-key',
      audioOptions: { codecProfile: 'LC-AAC', sampleRate: 48000, bitrate: 48, audioChannels: 1 },
      videoOptions: {
        canvas: { width: 1280, height: 720, color: 0 },
        layout: [
          { rtcStreamUid: 201, region: { xPos: 0, yPos: 0, zIndex: 1, width: 640, height: 720 }, fillMode: 'fill' },
          { rtcStreamUid: 202, region: { xPos: 640, yPos: 0, zIndex: 1, width: 640, height: 720 }, placeholderImageUrl: 'https://example.com/no-video.png' },
          { imageUrl: 'https://example.com/watermark.png', region: { xPos: 1180, yPos: 20, zIndex: 2, width: 80, height: 40 }, fillMode: 'fit' },
        ],
        bitrate: 1500,
        frameRate: 15,
      },
      idleTimeOut: 300,
    },
  },
  vertical: {
    summary: 'The vertical layout: one user large, the others stacked beside',
    value: {
      channel: 'show-68',
      rtmpUrl: 'rtmp://live.example.com/app/stream-key',
      audioOptions: {},
      videoOptions: { canvas: { width: 720, height: 1280 }, layoutType: 1, vertical: { maxResolutionUid: 201, fillMode: 'fill' }, bitrate: 1200 },
    },
  },
};

export const UPDATE_EXAMPLES = {
  url: { summary: 'Push to another stream key', value: { rtmpUrl: 'rtmp://live.example.com/app/new-stream-key' } },
  layout: {
    summary: 'A new canvas and layout',
    value: {
      videoOptions: {
        canvas: { width: 720, height: 1280 },
        layout: [{ rtcStreamUid: 201, region: { xPos: 0, yPos: 0, zIndex: 1, width: 720, height: 1280 } }],
      },
    },
  },
};
