import { randomBytes } from 'node:crypto';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import type { CreateMediaPushDto } from './dto/create-media-push.dto.js';
import type { PushVideoOptionsDto } from './dto/push-video-options.dto.js';
import type { UpdateMediaPushDto } from './dto/update-media-push.dto.js';
import { ServiceConflict } from '../agora-services/service-problems.js';

/** A create as the service takes it (the /v1 body, or the fork's, mapped). */
export type CreateMediaPushInput = Omit<CreateMediaPushDto, never>;
/** An update as the service takes it. */
export type UpdateMediaPushInput = Omit<UpdateMediaPushDto, never>;

/**
 * What a converter is, as far as updates go (sealed in its id): `raw` pushes one user's stream as it is, `custom` and
 * `vertical` transcode with that layout, `audio` transcodes sound only.
 */
export type ConverterKind = 'raw' | 'custom' | 'vertical' | 'audio';

/** A converter name Agora accepts (a-z A-Z 0-9 - _, at most 64) and no other caller's: 16 random bytes. */
export function converterName(): string {
  return `ats-push-${randomBytes(16).toString('base64url')}`;
}

/**
 * Checks what the DTO cannot see field by field (400s naming the field): raw or transcoded, not both; a custom layout's
 * views each show a user or an image; a vertical layout has its settings. Answers the converter's kind.
 */
export function checkCreate(input: CreateMediaPushInput): ConverterKind {
  const transcoded = input.audioOptions !== undefined || input.videoOptions !== undefined;
  if (input.rtcStreamUid !== undefined && transcoded) {
    throw ValidationProblemException.field('rtcStreamUid', 'send rtcStreamUid (one user, without transcoding) or audioOptions/videoOptions (transcoding), not both');
  }
  if (input.rtcStreamUid === undefined && !transcoded) {
    throw ValidationProblemException.field('rtcStreamUid', 'send rtcStreamUid (one user, without transcoding) or audioOptions/videoOptions (transcoding)');
  }
  if (input.rtcStreamUid !== undefined) return 'raw';
  if (input.videoOptions === undefined) return 'audio';
  checkLayout(input.videoOptions, 'videoOptions');
  return input.videoOptions.layoutType === 1 ? 'vertical' : 'custom';
}

function checkLayout(video: Pick<PushVideoOptionsDto, 'layout' | 'layoutType' | 'vertical'>, path: string): void {
  if (video.layoutType === 1) {
    if (video.vertical === undefined) throw ValidationProblemException.field(`${path}.vertical`, 'vertical is required with layoutType 1');
    return;
  }
  if (video.vertical !== undefined) throw ValidationProblemException.field(`${path}.vertical`, 'vertical goes with layoutType 1 only');
  if (video.layout === undefined) throw ValidationProblemException.field(`${path}.layout`, 'layout is required with a custom layout (layoutType 0, the default)');
  checkViews(video.layout, `${path}.layout`);
}

function checkViews(layout: NonNullable<PushVideoOptionsDto['layout']>, path: string): void {
  layout.forEach((view, index) => {
    if ((view.rtcStreamUid === undefined) === (view.imageUrl === undefined)) {
      throw ValidationProblemException.field(`${path}.${index}`, 'each view shows a user (rtcStreamUid) or an image (imageUrl): one of the two');
    }
    if (view.imageUrl !== undefined && view.placeholderImageUrl !== undefined) {
      throw ValidationProblemException.field(`${path}.${index}.placeholderImageUrl`, 'placeholderImageUrl belongs to a user view (rtcStreamUid)');
    }
  });
}

/** Agora's `converter` for a create: the options of its kind, the channel, the URL and the timings. */
export function converterOf(input: CreateMediaPushInput, name: string): object {
  const { channel: rtcChannel, rtmpUrl, idleTimeOut, jitterBufferSizeMs } = input;
  const options =
    input.rtcStreamUid !== undefined
      ? { rawOptions: { rtcChannel, rtcStreamUid: input.rtcStreamUid } }
      : { transcodeOptions: { rtcChannel, ...defined({ audioOptions: input.audioOptions, videoOptions: input.videoOptions }) } };
  return { name, ...options, rtmpUrl, ...defined({ idleTimeOut, jitterBufferSizeMs }) };
}

/**
 * Agora's update for `changes`: the `converter` holding only what changes and the `fields` mask naming each path
 * (Agora's FieldMask: a path it names but the body lacks would be cleared; one the body holds but it does not name is
 * ignored). What the converter's kind cannot change is a 409 before Agora is called; an empty change a 400.
 */
export function updateOf(changes: UpdateMediaPushInput, kind: ConverterKind): { converter: object; fields: string } {
  const { rtmpUrl, jitterBufferSizeMs } = changes;
  const video = defined({ ...(changes.videoOptions ?? {}) });
  const paths = [
    ...(rtmpUrl !== undefined ? ['rtmpUrl'] : []),
    ...(jitterBufferSizeMs !== undefined ? ['jitterBufferSizeMs'] : []),
    ...Object.keys(video).map((key) => `transcodeOptions.videoOptions.${key}`),
  ];
  if (paths.length === 0) throw ValidationProblemException.field('body', 'send at least one of rtmpUrl, jitterBufferSizeMs or videoOptions');
  if (Object.keys(video).length > 0 && kind !== 'custom') throw new ServiceConflict(CANNOT[kind]);
  if (jitterBufferSizeMs !== undefined && kind === 'vertical') throw new ServiceConflict(CANNOT.vertical);
  if (video.layout !== undefined) checkViews(video.layout, 'videoOptions.layout');
  const converter = {
    ...defined({ rtmpUrl, jitterBufferSizeMs }),
    ...(Object.keys(video).length > 0 ? { transcodeOptions: { videoOptions: video } } : {}),
  };
  return { converter, fields: paths.join(',') };
}

const CANNOT: Record<ConverterKind, string> = {
  raw: 'This converter pushes one user’s stream without transcoding: only rtmpUrl and jitterBufferSizeMs can change.',
  vertical: 'This converter uses the vertical layout: Agora lets only its rtmpUrl change.',
  audio: 'This converter transcodes audio only: Agora cannot add video to it.',
  custom: '',
};

/** The object without its undefined members (so a body holds exactly what was sent). */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}
