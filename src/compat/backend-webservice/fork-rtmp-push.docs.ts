/** OpenAPI text and Swagger UI examples for the Go fork's /rtmp/push routes, kept out of the controller so it stays readable. */

/** A converter id as the start answers it (this service's encrypted id; illustrative). */
const CONVERTER_ID = 'bWVkaWEtcHVzaA.ZGVmYXVsdA.Xq3kJ8q0bV5xYz1W2aR7tN6g-4c014467d647bb87b60b719f6fa57686_iv.tag';

const REQUEST_ID =
  'Every /rtmp route needs an `X-Request-ID` header, as the fork required (without it: 400 `{"error": "X-Request-ID header is required"}`, ' +
  'before the body is read); ' +
  'it is sent on to Agora and named in the answer’s `X-Request-ID`.';
const POLICY = 'Policy as /v1: API keys need `media-push` in `kinds`, end users JWT_SERVICES_CLAIM; `channels` and `projects` apply; the default project pushes.';
const OWNERSHIP =
  '`converterId` is the `converter.id` the start answered: this service’s id for the converter (as /v1’s `id`), which only its creator ' +
  '(the same API key or end user) may use, or an API key whose policy says `resources: any`; anyone else gets 404. It carries the region, ' +
  'so `region` may be left out.';

/** The push's problems beside the 400 (the fork answered 500 for every Agora error). */
export const PUSH_PROBLEMS: Record<number, string> = {
  404: 'No converter of yours has this converterId (malformed, altered, or another caller’s: one answer for all), Agora no longer runs it, or no project has REST credentials.',
  409: 'Agora already runs a converter of this name, another update of this converter came first (send it again), or the converter cannot take this change.',
  502: 'Agora refused the call or could not be reached: `upstream` carries Agora’s status (the fork answered 500 `{"error": …}`).',
  503: 'Agora’s rate limit refused the call (retry after `Retry-After` seconds), or the ownership index (Redis) cannot answer a list.',
  504: 'Agora did not answer in time; the call may still have been carried out: list before repeating it.',
};

export const PUSH_BAD_REQUEST =
  'No `X-Request-ID`, or a region outside na, eu, ap, cn: the fork’s `{"error": …}`. Other invalid input: problem details naming each field ' +
  '(the stream key and the URL are never repeated).';

export const START_PUSH_DOCS = {
  summary: 'push a channel to a CDN (RTMP converter)',
  moveTo: 'POST /v1/media-push',
  description:
    'Creates an Agora RTMP converter in `region` (default AGORA_MEDIA_REGION) pushing to `streamUrl` followed by `streamKey` (joined with one ' +
    '`/`; the fork glued them as they were): `rtcStreamUid`’s stream as it is, or with `useTranscoding` the channel transcoded with ' +
    '`audioOptions`/`videoOptions` (one of them required). A start without transcoding and without `rtcStreamUid` is a 400 (the fork ' +
    'crashed); `converterName` is ignored (the service names each converter, uniquely). The stream key is never logged nor answered. ' +
    `The answer is the fork’s: Agora’s converter with this service’s id, \`fields\`, \`timestamp\`. ${POLICY} ${REQUEST_ID}`,
  examples: {
    raw: {
      summary: 'One user’s stream as it is',
      value: { rtcChannel: 'test_channel', streamUrl: 'rtmp://live.example.com/app/', streamKey: 'stream-key', region: 'na', useTranscoding: false, rtcStreamUid: '201' },
    },
    transcoded: {
      summary: 'Transcoded: two users side by side',
      value: {
        rtcChannel: 'test_channel',
        streamUrl: 'rtmp://live.example.com/app',
        streamKey: 'stream-key',
        region: 'eu',
        useTranscoding: true,
        audioOptions: { codecProfile: 'LC-AAC', sampleRate: 48000, bitrate: 48, audioChannels: 1 },
        videoOptions: {
          canvas: { width: 1280, height: 720 },
          layout: [
            { rtcStreamUid: '201', region: { xPos: 0, yPos: 0, zIndex: 1, width: 640, height: 720 } },
            { rtcStreamUid: '202', region: { xPos: 640, yPos: 0, zIndex: 1, width: 640, height: 720 } },
          ],
          bitrate: 1500,
        },
      },
    },
  },
};

export const STOP_PUSH_DOCS = {
  summary: 'stop a push',
  moveTo: 'DELETE /v1/media-push/{id}',
  description: `Deletes the converter; answers the fork’s \`{"status": "Success", "timestamp"}\`. One Agora no longer runs is a 404 (the fork answered 500). ${OWNERSHIP} ${REQUEST_ID}`,
  examples: { stop: { summary: 'Stop the converter the start answered', value: { converterId: CONVERTER_ID, region: 'na' } } },
};

export const UPDATE_PUSH_DOCS = {
  summary: 'change a push',
  moveTo: 'PATCH /v1/media-push/{id}',
  description:
    'Sends Agora only what the body changes, with the `fields` mask naming each path and a `sequence` above every earlier one (the fork sent ' +
    'neither, and re-sent the channel, which Agora cannot change): `streamUrl` with `streamKey` (both, or neither), `jitterBufferSizeMs`, ' +
    '`videoOptions` (canvas, layout, bitrate, frame rate, GOP, placeholder; `codec`, `codecProfile`, `layoutType` and `vertical` are dropped, as ' +
    'Agora cannot change them). `rtcChannel`, if sent, must be the converter’s; `sequenceId` is ignored (the service numbers updates). ' +
    `${OWNERSHIP} ${REQUEST_ID}`,
  examples: {
    url: { summary: 'Push to another stream key', value: { converterId: CONVERTER_ID, region: 'na', streamUrl: 'rtmp://backup.example.com/app/', streamKey: 'stream-key' } },
    layout: {
      summary: 'A new layout',
      value: {
        converterId: CONVERTER_ID,
        rtcChannel: 'test_channel',
        videoOptions: { canvas: { width: 720, height: 1280 }, layout: [{ rtcStreamUid: '201', region: { xPos: 0, yPos: 0, zIndex: 1, width: 720, height: 1280 } }], bitrate: 1200 },
      },
    },
  },
};

export const LIST_PUSH_DOCS = {
  summary: 'list your pushes',
  moveTo: 'GET /v1/media-push',
  description:
    'The caller’s converters Agora runs (the fork’s route answered an empty 200), in the shape of Agora’s list (`success`, `data.members`, ' +
    'all in one page) without the push URLs, each with this service’s `converterId`; `rtcChannel` and `region` narrow it. ' +
    `${POLICY} ${REQUEST_ID}`,
};
