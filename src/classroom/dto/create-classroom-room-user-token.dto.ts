import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsEnum, IsString, Length, Matches } from 'class-validator';
import { CHANNEL_MAX_BYTES, CHANNEL_PATTERN, CHANNEL_RULE } from '../../agora/agora.constants.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { ClassroomRole } from './classroom-role.enum.js';
import { CreateClassroomUserTokenDto } from './create-classroom-user-token.dto.js';

/** A request for a Flexible Classroom room user token: what the Classroom SDKs' `launch` takes. */
export class CreateClassroomRoomUserTokenDto extends CreateClassroomUserTokenDto {
  /**
   * The classroom's id. Agora uses it as the RTC and Signaling channel name, so it follows the channel rules:
   * 1 to 63 bytes of a–z A–Z 0–9 space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,
   * @example "math-101"
   */
  @ApiProperty({ ...byteLimitedSchema(1, CHANNEL_MAX_BYTES), pattern: CHANNEL_PATTERN.source })
  @Matches(CHANNEL_PATTERN, { message: CHANNEL_RULE })
  @Length(1, CHANNEL_MAX_BYTES, { message: `$property must be 1 to ${CHANNEL_MAX_BYTES} bytes` })
  @IsString()
  @IsDefined({ message: '$property is required' })
  roomUuid: string;

  /**
   * The user's role in the room (the SDKs' `roleType`: teacher 1, student 2, assistant 3).
   * @example "student"
   */
  @IsEnum(ClassroomRole, { message: `$property must be one of: ${Object.values(ClassroomRole).join(', ')}` })
  @IsDefined({ message: '$property is required' })
  role: ClassroomRole;
}
