import { Injectable } from '@nestjs/common';
import { CHANNEL_MAX_BYTES, CHANNEL_PATTERN } from '../../agora/agora.constants.js';
import { isMediaRegion, type MediaRegion } from '../../agora-services/media-region.config.js';
import type { Caller } from '../../auth/caller.interface.js';
import type { CreateMediaPushInput, UpdateMediaPushInput } from '../../media-push/converter-request.builder.js';
import type { MediaPushDto } from '../../media-push/dto/media-push.dto.js';
import type { PushVideoOptionsDto } from '../../media-push/dto/push-video-options.dto.js';
import { MediaPushService } from '../../media-push/media-push.service.js';
import { isRtmpUrl, joinStreamKey, RTMP_URL_RULE } from '../../media-push/rtmp-url.js';
import { LegacyErrorException } from '../legacy-error.exception.js';
import { LegacyInputProblem } from '../legacy-input-problem.exception.js';
import type { ForkPushAnswerDto, ForkPushListDto, ForkPushStoppedDto } from './dto/fork-rtmp-push-answers.dto.js';
import { agoraCodec } from './dto/fork-codec.js';
import { PUSH_CODECS, type ForkPushVideoOptionsDto, type ForkStartPushDto, type ForkStopPushDto, type ForkUpdatePushDto, type ForkUpdatePushVideoOptionsDto } from './dto/fork-rtmp-push-requests.dto.js';

/** The fork's list query. */
export interface ForkPushListQuery {
  rtcChannel?: string;
  region?: string;
}

/** What the fork answered for a region outside Agora's four. */
const INVALID_REGION = 'Invalid region specified.';

/**
 * The Go fork's `/rtmp/push/*` routes on the /v1 media push service: its bodies mapped onto a create, an update, a
 * delete and a list, and the answers back into its shapes. The `converter.id` it answers is this service's id for the
 * converter, so only its creator can stop or change it (a 404 for anyone else, as on /v1).
 */
@Injectable()
export class ForkRtmpPushMapper {
  constructor(private readonly push: MediaPushService) {}

  async start(body: ForkStartPushDto, caller: Caller, requestId: string): Promise<ForkPushAnswerDto> {
    const region = regionOf(body.region);
    const rtmpUrl = pushUrlOf(body)!;
    const { audioOptions, videoOptions, regionHintIp, idleTimeOut, jitterBufferSizeMs } = body;
    let options: Pick<CreateMediaPushInput, 'rtcStreamUid' | 'audioOptions' | 'videoOptions'>;
    if (body.useTranscoding === true) {
      // The fork sent transcodeOptions without either, which Agora refuses: a 400 here.
      if (!audioOptions && !videoOptions) throw LegacyInputProblem.field('videoOptions', 'useTranscoding needs audioOptions or videoOptions');
      options = { ...(audioOptions ? { audioOptions } : {}), ...(videoOptions ? { videoOptions: videoOf(videoOptions) as PushVideoOptionsDto } : {}) };
    } else {
      // The fork dereferenced a missing rtcStreamUid and crashed (a 500).
      if (body.rtcStreamUid === undefined) throw LegacyInputProblem.field('rtcStreamUid', 'rtcStreamUid is required without transcoding (useTranscoding false)');
      options = { rtcStreamUid: Number(body.rtcStreamUid) };
    }
    const input = defined({ channel: body.rtcChannel, rtmpUrl, region, regionHintIp, idleTimeOut, jitterBufferSizeMs, ...options }) as CreateMediaPushInput;
    return answerOf(await this.push.create(input, caller, requestId));
  }

  async stop(body: ForkStopPushDto, caller: Caller, requestId: string): Promise<ForkPushStoppedDto> {
    regionOf(body.region);
    await this.push.delete(body.converterId, caller, requestId);
    return { status: 'Success', timestamp: timestamp() };
  }

  async update(body: ForkUpdatePushDto, caller: Caller, requestId: string): Promise<ForkPushAnswerDto> {
    regionOf(body.region);
    const handle = this.push.open(body.converterId, caller);
    if (body.rtcChannel !== undefined && body.rtcChannel !== handle.channel) {
      throw LegacyInputProblem.field('rtcChannel', 'rtcChannel is not the channel of the converter converterId names: Agora cannot move a converter');
    }
    const rtmpUrl = pushUrlOf(body, false);
    const video = body.videoOptions ? updatableVideo(body.videoOptions) : undefined;
    const changes: UpdateMediaPushInput = defined({ rtmpUrl, jitterBufferSizeMs: body.jitterBufferSizeMs, videoOptions: video });
    return answerOf(await this.push.update(body.converterId, changes, caller, requestId));
  }

  async list(query: ForkPushListQuery, caller: Caller, requestId: string): Promise<ForkPushListDto> {
    const region = regionOf(query.region);
    const channel = query.rtcChannel;
    if (channel !== undefined && (!CHANNEL_PATTERN.test(channel) || Buffer.byteLength(channel) > CHANNEL_MAX_BYTES)) {
      throw LegacyInputProblem.field('rtcChannel', `rtcChannel must be 1 to ${CHANNEL_MAX_BYTES} bytes of Agora's channel characters`);
    }
    const { converters } = await this.push.list(defined({ channel, region }), caller, requestId);
    const members = converters.map((converter) =>
      defined({
        converterId: converter.id,
        converterName: converter.name,
        rtcChannel: converter.channel,
        region: converter.region,
        state: converter.state,
        create: seconds(converter.createdAt),
        updateTs: seconds(converter.updatedAt),
      }),
    );
    return { success: true, data: { total_count: members.length, cursor: 0, members }, timestamp: timestamp() };
  }
}

/** A region the fork's clients name; left out, the configured default (the fork required one). */
function regionOf(region: string | undefined): MediaRegion | undefined {
  if (region === undefined || isMediaRegion(region)) return region;
  throw new LegacyErrorException(INVALID_REGION);
}

/**
 * The push URL from the fork's two fields (joined with one `/`), checked without ever repeating it: both are needed
 * on a start; on an update, both or neither (the fork ignored one without the other).
 */
function pushUrlOf(body: { streamUrl?: string; streamKey?: string }, required = true): string | undefined {
  const { streamUrl, streamKey } = body;
  if (streamUrl === undefined && streamKey === undefined && !required) return undefined;
  if (streamUrl === undefined) throw LegacyInputProblem.field('streamUrl', required ? 'streamUrl is required' : 'streamUrl is required with streamKey');
  if (streamKey === undefined || streamKey === '') throw LegacyInputProblem.field('streamKey', required ? 'streamKey is required' : 'streamKey is required with streamUrl');
  const url = joinStreamKey(streamUrl, streamKey);
  if (!isRtmpUrl(url)) throw LegacyInputProblem.field('streamUrl', RTMP_URL_RULE.replace('$property', 'streamUrl followed by streamKey'));
  return url;
}

/** The fork's video settings as /v1 takes them: its layout's uids as numbers, the codec in Agora's spelling. */
function videoOf<T extends ForkPushVideoOptionsDto | ForkUpdatePushVideoOptionsDto>(video: T): object {
  const layout = video.layout?.map(({ rtcStreamUid, ...view }) => defined({ ...view, rtcStreamUid: rtcStreamUid === undefined ? undefined : Number(rtcStreamUid) }));
  const codec = video.codec === undefined ? undefined : agoraCodec(video.codec, PUSH_CODECS);
  return defined({ ...video, layout, codec });
}

/** What an update may change: the fork dropped the codec and its profile; the layout type cannot change either. */
function updatableVideo(video: ForkUpdatePushVideoOptionsDto): UpdateMediaPushInput['videoOptions'] {
  const { codec: _codec, codecProfile: _profile, layoutType: _type, vertical: _vertical, ...rest } = video;
  return videoOf(rest as ForkUpdatePushVideoOptionsDto) as UpdateMediaPushInput['videoOptions'];
}

function answerOf(converter: MediaPushDto): ForkPushAnswerDto {
  return {
    converter: defined({ id: converter.id, createTs: seconds(converter.createdAt), updateTs: seconds(converter.updatedAt), state: converter.state }),
    fields: 'id,createTs,updateTs,state',
    timestamp: timestamp(),
  };
}

function seconds(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Math.floor(Date.parse(iso) / 1000);
}

/** Now, as the fork stamped its answers: RFC 3339 in UTC, whole seconds. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The object without its undefined members. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
