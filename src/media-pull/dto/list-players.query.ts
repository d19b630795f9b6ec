import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CHANNEL_MAX_BYTES, CHANNEL_PATTERN, CHANNEL_RULE } from '../../agora/agora.constants.js';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';
import { HEX32, PROJECT_NAME } from '../../agora/projects/project-entry.js';
import { MEDIA_REGIONS, type MediaRegion } from '../../agora-services/media-region.config.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { RequestValidationPipe } from '../../common/validation/request-validation.pipe.js';

/** A list's filters (query parameters), each given at most once. */
export class ListPlayersQuery extends PickType(TokenRequestDto, ['project', 'appId'] as const) {
  /**
   * Only the players in this channel.
   * @example "demo-room"
   */
  @ApiPropertyOptional({ ...byteLimitedSchema(1, CHANNEL_MAX_BYTES), pattern: CHANNEL_PATTERN.source })
  @IsOptional()
  @Matches(CHANNEL_PATTERN, { message: CHANNEL_RULE })
  @Length(1, CHANNEL_MAX_BYTES, { message: `$property must be 1 to ${CHANNEL_MAX_BYTES} bytes` })
  @IsString({ message: '$property must be given once' })
  channel?: string;

  /** Only the players created in this region (Agora's list covers every region). */
  @ApiPropertyOptional({ enum: MEDIA_REGIONS })
  @IsOptional()
  @IsIn(MEDIA_REGIONS, { message: `$property must be one of ${MEDIA_REGIONS.join(', ')}, given once` })
  region?: MediaRegion;
}

/**
 * Validates a list's query parameters against {@link ListPlayersQuery} with the body's pipe (unknown parameters and
 * repeated ones are a 400), for `@Query(ListPlayersQueryPipe)`. The handler takes the result as a plain interface,
 * since the request pipeline validates DTO-typed parameters only as bodies.
 */
@Injectable()
export class ListPlayersQueryPipe implements PipeTransform<unknown, Promise<ListPlayersFilter>> {
  private readonly pipe = new RequestValidationPipe();

  transform(value: unknown): Promise<ListPlayersFilter> {
    return this.pipe.transform({ ...(value as object) }, { type: 'query', metatype: ListPlayersQuery }) as Promise<ListPlayersFilter>;
  }
}

/** A list's filters, as the service takes them. */
export interface ListPlayersFilter {
  readonly channel?: string;
  readonly region?: MediaRegion;
  readonly project?: string;
  readonly appId?: string;
}

/** The list's query parameters, documented (`@ApiQuery`: Swagger does not read them from a pipe). */
export const LIST_QUERY_DOCS = {
  // Agora's channel characters are ASCII: maxLength is the byte limit.
  channel: { name: 'channel', required: false, description: 'Only the players in this channel.', schema: { type: 'string', minLength: 1, maxLength: CHANNEL_MAX_BYTES, pattern: CHANNEL_PATTERN.source } },
  region: { name: 'region', required: false, description: 'Only the players created in this region (Agora’s list covers every region).', schema: { type: 'string', enum: [...MEDIA_REGIONS] } },
  project: { name: 'project', required: false, description: 'The project whose players to list, by name (default: the default project).', schema: { type: 'string', pattern: PROJECT_NAME.source, maxLength: 64 } },
  appId: { name: 'appId', required: false, description: 'The project whose players to list, by App ID.', schema: { type: 'string', pattern: HEX32.source } },
} as const;
