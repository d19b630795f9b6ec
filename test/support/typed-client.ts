import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createTokenServiceClient,
  OPERATION_ROUTES,
  type Operations,
  type TokenServiceClient,
  type TokenServiceClientOptions,
} from '../../clients/typescript/src/index.js';

/** A client function's name. */
export type OperationName = keyof Operations;

/**
 * The client operations each spec calls (test/client-tokens and test/client-agora-services): together, every
 * operation of the client, which test/client-tokens checks against the document's /v1 operations.
 */
export const CLIENT_SPEC_OPERATIONS = {
  tokens: [
    'createChatToken', 'createClassroomAppToken', 'createClassroomToken', 'createClassroomUserToken', 'createConvoaiToken',
    'createFpaToken', 'createRtcRtmToken', 'createRtcToken', 'createRtmToken', 'createSttToken', 'inspectToken',
    'getHealth', 'getHealthLive', 'getHealthReady', 'getPing',
  ],
  agoraServices: [
    'startRecording', 'getRecording', 'updateRecordingSubscriptions', 'updateRecordingLayout', 'stopRecording',
    'createTranscription', 'listTranscriptions', 'getTranscription', 'updateTranscription', 'deleteTranscription',
    'createMediaPush', 'listMediaPush', 'getMediaPush', 'updateMediaPush', 'deleteMediaPush',
    'createMediaPull', 'listMediaPull', 'getMediaPull', 'updateMediaPull', 'deleteMediaPull',
    'createStreamKey', 'listStreamKeys', 'getStreamKey', 'deleteStreamKey',
  ],
} satisfies Record<string, OperationName[]>;

/** Makes `app` listen on a free port of 127.0.0.1 (a real socket, as a front end reaches it) and answers its URL. */
export async function listenLocally(app: NestFastifyApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return app.getUrl();
}

/** The generated client, noting in `called` the name of each operation function called through it. */
export function trackedClient(options: TokenServiceClientOptions, called: Set<OperationName>): TokenServiceClient {
  const client = createTokenServiceClient(options);
  return new Proxy(client, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || !(name in OPERATION_ROUTES) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        called.add(name as OperationName);
        return (value as (...init: unknown[]) => unknown)(...args);
      };
    },
  });
}
