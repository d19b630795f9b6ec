import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import type { FieldError } from '../common/problem/problem.types.js';
import type { StartRecordingDto } from './dto/start-recording.dto.js';
import { RTMP_PUBLISH, WEB_RECORDER } from './dto/web-recording-config.dto.js';

/** What a start takes: the request DTO's fields, as plain data (the fork's routes map theirs onto it). */
export type StartRecordingInput = Omit<StartRecordingDto, 'storageConfig'>;

/** Agora's web recorder renders at most 1920 × 1080 pixels. */
const MAX_VIDEO_AREA = 1920 * 1080;
const WEB_REQUIRED = ['url', 'audioProfile', 'videoWidth', 'videoHeight', 'maxRecordingHour'] as const;

/**
 * The rules between fields that a DTO cannot say: which configuration each mode takes (Agora ignores or refuses
 * the others), and what a web recording's services need. A 400 listing every broken rule, before anything is
 * asked of Agora.
 */
export function checkStartRequest(input: StartRecordingInput): void {
  const errors: FieldError[] = [];
  const refuse = (field: string, message: string) => errors.push({ field, message });
  const { mode, recordingConfig: config } = input;
  if (mode === 'web') {
    if (config) refuse('recordingConfig', 'recordingConfig is for individual and mix modes; web mode takes extensionServiceConfig');
    if (!input.extensionServiceConfig) refuse('extensionServiceConfig', 'extensionServiceConfig is required in web mode');
  } else if (input.extensionServiceConfig) {
    refuse('extensionServiceConfig', 'extensionServiceConfig is for web mode only');
  }
  if (input.snapshotConfig && mode !== 'individual') refuse('snapshotConfig', 'snapshotConfig is for individual mode only');
  if (mode !== 'mix') {
    if (config?.transcodingConfig) refuse('recordingConfig.transcodingConfig', 'transcodingConfig is for mix mode only');
    if (config?.audioProfile !== undefined) refuse('recordingConfig.audioProfile', 'audioProfile is for mix mode only');
  }
  if (mode !== 'individual') {
    if (config?.streamMode !== undefined) refuse('recordingConfig.streamMode', 'streamMode is for individual mode only');
    if (config?.subscribeUidGroup !== undefined) refuse('recordingConfig.subscribeUidGroup', 'subscribeUidGroup is for individual mode only');
  }
  if (input.recordingFileConfig && mode !== 'individual' && !input.recordingFileConfig.avFileType.includes('hls')) {
    refuse('recordingFileConfig.avFileType', 'avFileType must include hls in mix and web modes (["hls", "mp4"] for MP4 files)');
  }
  checkWebServices(input, refuse);
  if (errors.length > 0) throw new ValidationProblemException(errors);
}

function checkWebServices(input: StartRecordingInput, refuse: (field: string, message: string) => void): void {
  const services = input.extensionServiceConfig?.extensionServices ?? [];
  const where = (index: number) => `extensionServiceConfig.extensionServices.${index}`;
  if (input.extensionServiceConfig && services.filter(({ serviceName }) => serviceName === WEB_RECORDER).length !== 1) {
    refuse('extensionServiceConfig.extensionServices', `extensionServices must hold one ${WEB_RECORDER}`);
  }
  services.forEach(({ serviceName, serviceParam }, index) => {
    if (serviceName === WEB_RECORDER) {
      for (const field of WEB_REQUIRED) {
        if (serviceParam[field] === undefined) refuse(`${where(index)}.serviceParam.${field}`, `${field} is required by ${WEB_RECORDER}`);
      }
      if (serviceParam.outputs) refuse(`${where(index)}.serviceParam.outputs`, `outputs belong to ${RTMP_PUBLISH}`);
      const { videoWidth: width, videoHeight: height } = serviceParam;
      // Agora's limit is on the area, not on each side (1920 × 1080, in either orientation).
      if (width !== undefined && height !== undefined && width * height > MAX_VIDEO_AREA) {
        for (const field of ['videoWidth', 'videoHeight']) refuse(`${where(index)}.serviceParam.${field}`, 'videoWidth × videoHeight must be at most 1920 × 1080');
      }
    } else if (serviceName === RTMP_PUBLISH && !serviceParam.outputs) {
      refuse(`${where(index)}.serviceParam.outputs`, `outputs is required by ${RTMP_PUBLISH}`);
    }
  });
}

/** Every uid the request names in a subscription list (the bot must be none of them). */
export function uidsNamedBy(input: StartRecordingInput): string[] {
  const config = input.recordingConfig;
  return [config?.subscribeAudioUids, config?.unsubscribeAudioUids, config?.subscribeVideoUids, config?.unsubscribeVideoUids].flatMap(
    (list) => list ?? [],
  );
}
