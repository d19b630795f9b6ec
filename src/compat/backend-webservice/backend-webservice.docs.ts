/** OpenAPI text and Swagger UI examples for the Go fork's routes, kept out of the controller so it stays readable. */

/** A resourceId as the fork's start answers it (a signed recording id). */
const RESOURCE_ID =
  'Fc_JjoIwAADQf-kZkilrPYoijWhYFEUnE0MXRBAqIFD8-onHd3y_UAGM59nwfAMF1A8Jvq6F2glRAwXo0IDmQrNMHShgO48-alI8nKDjWoa3rpaZ47k9Hd_4bI_I6SIRhyssa36S00XTVKlWo-Ftw-TgFmqU74L2c6lntDOP0mcdbotXgp5FhRrrEBQMh64Z9av0TLr4lcK7pB55xBtWOhpft0Lc5njYXKb-M0dNRWpyj66lL_YrlYsxKmSycVsavvxHNXlst6zInj6DMg1NDKernt4XnJS3Y9d_WyhHXKc5o4ZtUGZaOYWUk0xHP8zmMAMKWL6bGp2D44wrN6bxLD_RoKpAgba1sC1Lh9rfPw.IIgLLf-wYqgmwdP5DwVLMJSkOFkDpumGgBGfPbP1sxI';
/** The values a start answered, which later calls echo. */
const ECHOED = { cname: 'test_channel', uid: '3141592653', resourceId: RESOURCE_ID, sid: '38f8e3cfdc474cd56fc1ceba380d7e1a' };

const OWNERSHIP =
  '`resourceId` is the one the start answered: the recording’s signed id (as /v1’s `id`), which only the caller that ' +
  'started it (the same API key or end user) may use, or an API key whose policy says `recordings: any`, within its ' +
  'projects and channels; anyone else gets 404. `cname`, `uid`, `sid` (or `recordingId`) ' +
  'and `recordingMode` may be echoed with it, and must then be the recording’s (a 400 naming the field otherwise); ' +
  'the mode is the recording’s own when left out (the fork assumed `mix`).';

export const START_DOCS = {
  summary: 'start recording a channel',
  moveTo: 'POST /v1/recordings',
  description:
    'Acquires a resource and starts recording at once, with a bot uid the service picks and an RTC token for it that ' +
    'lasts as long as a token may (TOKEN_MAX_EXPIRE_SECONDS, at most 24 h; the fork’s lasted 1 h, and a recording cannot ' +
    'renew it). `recordingMode` defaults to `mix`; `recordingConfig` goes to Agora as given (left out: every user, 120 s ' +
    'idle, as the fork defaulted). New here: `recordingFileConfig` (MP4), `snapshotConfig`, and `extensionServiceConfig` ' +
    '(web mode, which the fork could not start). Files go to the first storage profile that serves the project (a 404 when none does), under a per-request ' +
    '`<channel letters and digits>/<UTC date>/<UTC time>/` prefix. The answer’s `resourceId` is the recording’s signed ' +
    'id: echo it back as it is. Policy as /v1: API keys need `recording` in `kinds`, end users JWT_SERVICES_CLAIM; ' +
    '`channels` and `projects` apply; the default project records.',
  examples: {
    simple: {
      summary: 'The fork’s simple example: mix mode, every user',
      value: { channelName: 'test_channel', sceneMode: 'realtime', recordingMode: 'mix', excludeResourceIds: [] },
    },
    config: {
      summary: 'Mix mode with a recordingConfig (passed to Agora as given) and MP4 files',
      value: {
        channelName: 'testChannel',
        recordingConfig: { channelType: 0, maxIdleTime: 120, streamTypes: 2, subscribeAudioUids: ['#allstream#'], transcodingConfig: { width: 640, height: 360, fps: 15, bitrate: 500, mixedVideoLayout: 1 } },
        recordingFileConfig: { avFileType: ['hls', 'mp4'] },
      },
    },
    web: {
      summary: 'Record a web page (new here)',
      value: {
        channelName: 'stage',
        sceneMode: 'web',
        recordingMode: 'web',
        extensionServiceConfig: {
          extensionServices: [{ serviceName: 'web_recorder_service', serviceParam: { url: 'https://example.com/stage', audioProfile: 0, videoWidth: 1280, videoHeight: 720, maxRecordingHour: 2 } }],
        },
      },
    },
  },
};

export const STOP_DOCS = {
  summary: 'stop a recording',
  moveTo: 'DELETE /v1/recordings/{id}',
  description:
    'Stops the recording and answers Agora’s `serverResponse`, read as Agora sends it: `fileList` is the playlist name ' +
    'in `string` file-list mode and a list in `json` mode, web recordings report `extensionServiceState` as a list with ' +
    '`payload` (the fork failed with 500 on all three). The stop waits for the upload (up to 30 s, which Agora expects ' +
    'within 20 s; the fork gave up after 10 s) unless `async_stop` is true. A recording Agora had already stopped ' +
    `answers \`alreadyStopped: true\` rather than an error. ${OWNERSHIP}`,
  examples: {
    stop: { summary: 'The fork’s example', value: { ...ECHOED, recordingMode: 'mix', async_stop: false } },
    older: { summary: 'The session id as the fork’s first versions named it', value: { resourceId: RESOURCE_ID, recordingId: ECHOED.sid } },
  },
};

export const STATUS_DOCS = {
  summary: 'a recording’s status',
  moveTo: 'GET /v1/recordings/{id}',
  description:
    'Agora’s query (the fork’s route answered 200 with an empty body): `status`, `sliceStartTime` and the file list in ' +
    '`string` or `json` mode, or a web recording’s `extensionServiceState`. ' +
    OWNERSHIP.replace('`cname`, `uid`, `sid` (or `recordingId`) and `recordingMode`', '`sid` and `mode`'),
};

export const SUBSCRIPTIONS_DOCS = {
  summary: 'change whose audio and video a recording takes',
  moveTo: 'PATCH /v1/recordings/{id}/subscriptions',
  description:
    'Individual and mix recordings: `recordingConfig.streamSubscribe` holds an audio and a video list, each a subscribe ' +
    'or an unsubscribe list. The video unsubscribe list reaches Agora as `unsubscribeVideoUids` whether sent so, as the ' +
    'fork’s `unsunscribeVideoUids` (its typo, which Agora never read) or as `unSubscribeVideoUids`; audio’s takes ' +
    '`unSubscribeAudioUids` too. `webRecordingConfig` and `rtmpPublishConfig` are not supported (a 400). ' +
    OWNERSHIP,
  examples: {
    subscribe: {
      summary: 'The fork’s example: record only these users',
      value: { ...ECHOED, recordingMode: 'mix', recordingConfig: { streamSubscribe: { audioUidList: { subscribeAudioUids: ['2345', '3456'] }, videoUidList: { subscribeVideoUids: ['2345', '3456'] } } } },
    },
    typo: {
      summary: 'Stop recording a user’s video, in the fork’s spelling',
      value: { ...ECHOED, recordingConfig: { streamSubscribe: { videoUidList: { unsunscribeVideoUids: ['3456'] } } } },
    },
  },
};

export const LAYOUT_DOCS = {
  summary: 'change a mix recording’s layout',
  moveTo: 'PATCH /v1/recordings/{id}/layout',
  description:
    'Mix recordings: `recordingConfig` is Agora’s `updateLayout` body (layout type, large user, backgrounds, regions); ' +
    'region positions and sizes are fractions of the canvas, 0 to 1, as Agora takes them (the fork took whole numbers, ' +
    'so 0.5 could not be sent). It replaces the whole layout. ' +
    OWNERSHIP,
  examples: {
    bestFit: { summary: 'Best fit on black, as the fork’s example', value: { ...ECHOED, recordingMode: 'mix', recordingConfig: { mixedVideoLayout: 1, backgroundColor: '#000000' } } },
    custom: {
      summary: 'Custom: two users side by side',
      value: {
        ...ECHOED,
        recordingConfig: {
          mixedVideoLayout: 3,
          layoutConfig: [
            { uid: '2345', x_axis: 0, y_axis: 0, width: 0.5, height: 1, alpha: 1, render_mode: 1 },
            { uid: '3456', x_axis: 0.5, y_axis: 0, width: 0.5, height: 1 },
          ],
        },
      },
    },
  },
};

export const STATUS_QUERY = {
  resourceId: 'The `resourceId` the start answered (required).',
  sid: 'The `sid` the start answered; checked when given.',
  mode: 'The recording’s mode; checked when given.',
};
