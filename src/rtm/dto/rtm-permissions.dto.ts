import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmptyObject, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { RtmResourceList, rtmResourceListSchema } from './rtm-resource-list.validator.js';

/** Channels a Signaling user may read (subscribe, receive) and write (publish) in. */
export class RtmChannelAccessDto {
  /**
   * Channels the user may read.
   * @example ["lobby", "team-42"]
   */
  @ApiPropertyOptional(rtmResourceListSchema('channel'))
  @IsOptional()
  @RtmResourceList('channel')
  read?: string[];

  /**
   * Channels the user may write to.
   * @example ["team-42"]
   */
  @ApiPropertyOptional(rtmResourceListSchema('channel'))
  @IsOptional()
  @RtmResourceList('channel')
  write?: string[];
}

/** Other Signaling users the user may read from and write to. */
export class RtmUserAccessDto {
  /**
   * Users the user may read.
   * @example ["bob"]
   */
  @ApiPropertyOptional(rtmResourceListSchema('user'))
  @IsOptional()
  @RtmResourceList('user')
  read?: string[];

  /**
   * Users the user may write to (peer messages).
   * @example ["bob"]
   */
  @ApiPropertyOptional(rtmResourceListSchema('user'))
  @IsOptional()
  @RtmResourceList('user')
  write?: string[];
}

/**
 * What a Signaling login may reach (agora-token's Rtm2Permissions). Each list names exact resources, or `*`
 * for any channel; a resource type or list left out is not granted.
 */
export class RtmPermissionsDto {
  /** Message channels (publish/subscribe). */
  @IsOptional()
  @Type(() => RtmChannelAccessDto)
  @ValidateNested()
  @IsNotEmptyObject({ nullable: false }, { message: '$property must name read or write' })
  @IsObject()
  messageChannels?: RtmChannelAccessDto;

  /** Stream channels (joined, then topics). */
  @IsOptional()
  @Type(() => RtmChannelAccessDto)
  @ValidateNested()
  @IsNotEmptyObject({ nullable: false }, { message: '$property must name read or write' })
  @IsObject()
  streamChannels?: RtmChannelAccessDto;

  /** Users (user channels: peer messages). API-key callers only. */
  @IsOptional()
  @Type(() => RtmUserAccessDto)
  @ValidateNested()
  @IsNotEmptyObject({ nullable: false }, { message: '$property must name read or write' })
  @IsObject()
  users?: RtmUserAccessDto;
}
