import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, IsOptional, ValidateBy, ValidateNested } from 'class-validator';
import { NullMeansAbsent } from '../../../common/validation/body-shape.js';
import { Excludes } from '../../../common/validation/excludes.decorator.js';
import { MixLayoutDto } from '../../../recording/dto/mix-layout.dto.js';
import { UidList } from '../../../recording/dto/uid-list.decorator.js';
import { ForkRecordingIdsDto } from './fork-recording-ids.dto.js';

const Unsupported = (message: string): PropertyDecorator =>
  ValidateBy({ name: 'unsupported', validator: { validate: (value) => value === undefined, defaultMessage: () => message } });

/** `POST /cloud_recording/stop`: the recording, and whether to answer before the upload. */
export class ForkStopRecordingDto extends ForkRecordingIdsDto {
  /** `true` answers at once, usually without the file list; `false` (the default) waits for the upload. */
  @IsOptional()
  @IsBoolean()
  async_stop?: boolean;
}

/** Audio subscriptions: a subscribe list or an unsubscribe list (`unSubscribeAudioUids`, Agora's Go client's spelling, too). */
export class ForkAudioUidListDto {
  @UidList('Users whose audio is recorded from now on.')
  @Excludes('unSubscribeAudioUids')
  @Excludes('unsubscribeAudioUids')
  subscribeAudioUids?: string[];

  @UidList('Users whose audio is no longer recorded.')
  @Excludes('unSubscribeAudioUids')
  unsubscribeAudioUids?: string[];

  @UidList('As `unsubscribeAudioUids` (the spelling of Agora’s Go REST client).')
  unSubscribeAudioUids?: string[];
}

/**
 * Video subscriptions: a subscribe list or an unsubscribe list, under any of its three spellings: Agora's
 * `unsubscribeVideoUids`, the fork's `unsunscribeVideoUids` (its typo, from Agora's Chinese API reference) and
 * `unSubscribeVideoUids` (Agora's Go REST client). Whichever is sent reaches Agora as `unsubscribeVideoUids`.
 */
export class ForkVideoUidListDto {
  @UidList('Users whose video is recorded from now on.')
  @Excludes('unSubscribeVideoUids')
  @Excludes('unsunscribeVideoUids')
  @Excludes('unsubscribeVideoUids')
  subscribeVideoUids?: string[];

  @UidList('Users whose video is no longer recorded.')
  @Excludes('unSubscribeVideoUids')
  @Excludes('unsunscribeVideoUids')
  unsubscribeVideoUids?: string[];

  @UidList('As `unsubscribeVideoUids` (the fork’s spelling, a typo it sent to Agora, so video was never unsubscribed).')
  @Excludes('unSubscribeVideoUids')
  unsunscribeVideoUids?: string[];

  @UidList('As `unsubscribeVideoUids` (the spelling of Agora’s Go REST client).')
  unSubscribeVideoUids?: string[];
}

/** Agora's `streamSubscribe`. */
export class ForkStreamSubscribeDto {
  @IsOptional()
  @Type(() => ForkAudioUidListDto)
  @ValidateNested()
  @IsObject()
  audioUidList?: ForkAudioUidListDto;

  @IsOptional()
  @Type(() => ForkVideoUidListDto)
  @ValidateNested()
  @IsObject()
  videoUidList?: ForkVideoUidListDto;
}

/** The fork's update body (`recordingConfig`, sent to Agora as `clientRequest`). */
export class ForkSubscriptionUpdateDto {
  /** New subscription lists (individual and mix recordings). */
  @Type(() => ForkStreamSubscribeDto)
  @ValidateNested()
  @IsObject()
  @IsDefined({ message: '$property is required' })
  streamSubscribe: ForkStreamSubscribeDto;

  @ApiHideProperty()
  @Unsupported('webRecordingConfig (pausing a web recording) is not supported by this service')
  webRecordingConfig?: never;

  @ApiHideProperty()
  @Unsupported('rtmpPublishConfig (changing a web recording’s live push) is not supported by this service')
  rtmpPublishConfig?: never;
}

/** `POST /cloud_recording/update/subscriber-list`. */
export class ForkUpdateSubscriptionsDto extends ForkRecordingIdsDto {
  @ApiProperty({ type: ForkSubscriptionUpdateDto })
  @Type(() => ForkSubscriptionUpdateDto)
  @ValidateNested()
  @IsObject()
  @IsDefined({ message: '$property is required' })
  recordingConfig: ForkSubscriptionUpdateDto;
}

/** `POST /cloud_recording/update/layout`: the new layout of a mix recording, as Agora's `updateLayout` takes it. */
export class ForkUpdateLayoutDto extends ForkRecordingIdsDto {
  @ApiProperty({ type: MixLayoutDto })
  @Type(() => MixLayoutDto)
  @ValidateNested()
  @IsObject()
  @IsDefined({ message: '$property is required' })
  recordingConfig: MixLayoutDto;
}
