import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';

/**
 * An optional field holding one object of `type`, validated field by field: the four decorators every such
 * field needs, in the order they are written elsewhere (bottom-up: the object, its fields, its class).
 *
 * @example
 * @OptionalObject(() => RecordingConfigDto)
 * recordingConfig?: RecordingConfigDto;
 */
export function OptionalObject(type: () => ClassType<unknown>): PropertyDecorator {
  return applyDecorators(IsOptional(), Type(type), ValidateNested(), IsObject());
}
