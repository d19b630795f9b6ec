/** Swagger UI's request examples for the recording routes. */
export const START_EXAMPLES = {
  mix: { summary: 'Mix every user of a channel into one recording (HLS and MP4)', value: { channel: 'demo-room', mode: 'mix', recordingFileConfig: { avFileType: ['hls', 'mp4'] } } },
  mixLayout: {
    summary: 'Mix mode with a live-broadcast channel, a canvas and a best-fit layout, to a named storage profile',
    value: {
      channel: 'demo-room',
      mode: 'mix',
      storage: 'default',
      recordingConfig: {
        channelType: 1,
        maxIdleTime: 120,
        transcodingConfig: { width: 1280, height: 720, fps: 15, bitrate: 1130, mixedVideoLayout: 1, backgroundColor: '#000000' },
      },
    },
  },
  individual: {
    summary: 'A file per user, audio only, with a project chosen by name',
    value: { channel: 'demo-room', mode: 'individual', project: 'default', recordingConfig: { streamTypes: 0, subscribeUidGroup: 0, subscribeAudioUids: ['42', '43'] } },
  },
  web: {
    summary: 'Record a web page',
    value: {
      channel: 'stage-recording',
      mode: 'web',
      extensionServiceConfig: {
        extensionServices: [
          { serviceName: 'web_recorder_service', serviceParam: { url: 'https://example.com/stage', audioProfile: 0, videoWidth: 1280, videoHeight: 720, maxRecordingHour: 2 } },
        ],
      },
    },
  },
};

export const SUBSCRIPTION_EXAMPLES = {
  only: { summary: 'Record only these users’ audio and video', value: { subscribeAudioUids: ['42', '43'], subscribeVideoUids: ['42'] } },
  except: { summary: 'Stop recording one user’s video', value: { unsubscribeVideoUids: ['43'] } },
};

export const LAYOUT_EXAMPLES = {
  bestFit: { summary: 'Best fit on a grey canvas', value: { mixedVideoLayout: 1, backgroundColor: '#333333' } },
  custom: {
    summary: 'Custom: two users side by side',
    value: {
      mixedVideoLayout: 3,
      layoutConfig: [
        { uid: '42', x_axis: 0, y_axis: 0, width: 0.5, height: 1 },
        { uid: '43', x_axis: 0.5, y_axis: 0, width: 0.5, height: 1, alpha: 1, render_mode: 1 },
      ],
    },
  },
};
