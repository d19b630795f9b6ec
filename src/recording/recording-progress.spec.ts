import fc from 'fast-check';
import { readProgress } from './recording-progress.js';

/** Answers as Agora's cloud recording documents them (query and stop `serverResponse`). */
describe('readProgress', () => {
  it('reads a string file list (mix mode with HLS only) as the playlist name', () => {
    expect(readProgress({ status: 5, fileListMode: 'string', fileList: 'sid_channel.m3u8', sliceStartTime: 1562724971626 })).toEqual({
      status: 5,
      state: 'recording',
      fileListMode: 'string',
      fileList: 'sid_channel.m3u8',
      sliceStartTime: 1562724971626,
    });
  });

  it('reads a json file list (HLS and MP4, or individual mode) as files', () => {
    const file = { fileName: 'a.m3u8', trackType: 'audio_and_video', uid: '0', mixedAllUser: true, isPlayable: true, sliceStartTime: 1562724971626 };
    expect(readProgress({ fileListMode: 'json', fileList: [file, { ...file, fileName: 'a.mp4' }], uploadingStatus: 'uploaded' })).toEqual({
      fileListMode: 'json',
      fileList: [file, { ...file, fileName: 'a.mp4' }],
      uploadingStatus: 'uploaded',
    });
  });

  it('reads web mode’s extensionServiceState list, whether Agora spells the payload payload or playload', () => {
    const web = { fileList: [{ filename: 'w.m3u8', sliceStartTime: 0 }], onhold: false, state: 'exit' };
    for (const key of ['payload', 'playload']) {
      expect(
        readProgress({
          extensionServiceState: [
            { serviceName: 'upload_service', [key]: { uploadingStatus: 'uploaded' } },
            { serviceName: 'web_recorder_service', [key]: web },
          ],
        }),
      ).toEqual({
        extensionServiceState: [
          { serviceName: 'upload_service', payload: { uploadingStatus: 'uploaded' } },
          { serviceName: 'web_recorder_service', payload: web },
        ],
      });
    }
  });

  it('reads an answer without a file list (asynchronous stop, snapshots) as what it has', () => {
    expect(readProgress({ uploadingStatus: 'unknown' })).toEqual({ uploadingStatus: 'unknown' });
    expect(readProgress({ status: 20 })).toEqual({ status: 20, state: 'exitedAbnormally' });
    expect(readProgress({ status: 13 })).toEqual({ status: 13, state: 'unknown' });
    expect(readProgress(undefined)).toEqual({});
  });

  it('never throws, whatever Agora sends, and passes on only fields of the documented types', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.record({ status: fc.jsonValue(), fileList: fc.jsonValue(), extensionServiceState: fc.jsonValue() }), (any, fields) => {
        expect(() => readProgress(any)).not.toThrow();
        const read = readProgress(fields);
        if (read.status !== undefined) expect(Number.isSafeInteger(read.status)).toBe(true);
        if (read.fileList !== undefined) expect(typeof read.fileList === 'string' || Array.isArray(read.fileList)).toBe(true);
        for (const service of read.extensionServiceState ?? []) expect(typeof service.serviceName).toBe('string');
      }),
    );
  });
});
