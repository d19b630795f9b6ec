import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { checkStartRequest, uidsNamedBy, type StartRecordingInput } from './start-request.rules.js';

/** The fields each refusal names, or [] when the request passes. */
function refused(input: StartRecordingInput): string[] {
  try {
    checkStartRequest(input);
    return [];
  } catch (error) {
    if (error instanceof ValidationProblemException) return error.errors.map(({ field }) => field);
    throw error;
  }
}

const recorder = { serviceName: 'web_recorder_service', serviceParam: { url: 'https://example.com', audioProfile: 0, videoWidth: 1280, videoHeight: 720, maxRecordingHour: 1 } };

describe('checkStartRequest', () => {
  it('takes each configuration in the modes Agora takes it in', () => {
    expect(refused({ channel: 'c', mode: 'mix', recordingConfig: { audioProfile: 1, transcodingConfig: { width: 640 } }, recordingFileConfig: { avFileType: ['hls', 'mp4'] } })).toEqual([]);
    expect(refused({ channel: 'c', mode: 'individual', recordingConfig: { streamMode: 'standard', subscribeUidGroup: 1 }, snapshotConfig: { fileType: ['jpg'] } })).toEqual([]);
    expect(refused({ channel: 'c', mode: 'web', extensionServiceConfig: { extensionServices: [recorder] } })).toEqual([]);
  });

  it('names every field a mode does not take, all at once', () => {
    expect(
      refused({
        channel: 'c',
        mode: 'individual',
        recordingConfig: { audioProfile: 1, transcodingConfig: {} },
        extensionServiceConfig: { extensionServices: [recorder] },
      }),
    ).toEqual(['extensionServiceConfig', 'recordingConfig.transcodingConfig', 'recordingConfig.audioProfile']);
    expect(refused({ channel: 'c', mode: 'mix', recordingConfig: { streamMode: 'original', subscribeUidGroup: 0 }, snapshotConfig: { fileType: ['jpg'] } })).toEqual([
      'snapshotConfig',
      'recordingConfig.streamMode',
      'recordingConfig.subscribeUidGroup',
    ]);
    expect(refused({ channel: 'c', mode: 'mix', recordingFileConfig: { avFileType: ['mp4'] } })).toEqual(['recordingFileConfig.avFileType']);
    expect(refused({ channel: 'c', mode: 'individual', recordingFileConfig: { avFileType: ['mp4'] } })).toEqual([]);
  });

  it('wants one web recorder with its page and video fields, and outputs only on the live push', () => {
    expect(refused({ channel: 'c', mode: 'web' })).toEqual(['extensionServiceConfig']);
    expect(refused({ channel: 'c', mode: 'web', recordingConfig: {}, extensionServiceConfig: { extensionServices: [recorder] } })).toEqual(['recordingConfig']);
    const push = { serviceName: 'rtmp_publish_service', serviceParam: {} };
    expect(refused({ channel: 'c', mode: 'web', extensionServiceConfig: { extensionServices: [push] } })).toEqual([
      'extensionServiceConfig.extensionServices',
      'extensionServiceConfig.extensionServices.0.serviceParam.outputs',
    ]);
    const bare = { serviceName: 'web_recorder_service', serviceParam: { url: 'https://example.com', outputs: [{ rtmpUrl: 'rtmp://x/y' }] } };
    expect(refused({ channel: 'c', mode: 'web', extensionServiceConfig: { extensionServices: [bare, recorder] } })).toEqual([
      'extensionServiceConfig.extensionServices',
      ...['audioProfile', 'videoWidth', 'videoHeight', 'maxRecordingHour', 'outputs'].map((field) => `extensionServiceConfig.extensionServices.0.serviceParam.${field}`),
    ]);
  });

  it('lists every uid the request names, for the bot to avoid', () => {
    expect(uidsNamedBy({ channel: 'c', mode: 'mix', recordingConfig: { subscribeAudioUids: ['1', '2'], unsubscribeVideoUids: ['3'] } })).toEqual(['1', '2', '3']);
    expect(uidsNamedBy({ channel: 'c', mode: 'web' })).toEqual([]);
  });
});
