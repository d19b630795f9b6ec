import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { AGORA_MAX_EXPIRE_SECONDS } from '../agora.constants.js';
import { HEX32, PROJECT_NAME, PROJECT_NAME_RULE } from '../projects/project-entry.js';

/** What every token request may set: which project signs it, and its lifetime. */
export class TokenRequestDto {
  /**
   * The configured project to sign with, by name (see AGORA_PROJECTS_FILE). Leave it and `appId` out for
   * the default project (the file's first one, or the one APP_ID configures, named `default`). A name no
   * configured project has is a 400 naming `project`; a caller limited to some projects (an API key's
   * `projects`, JWT_PROJECTS_CLAIM) gets a 403 (rule `projects`) for any other name, configured or not.
   * @example "default"
   */
  @ApiPropertyOptional({ pattern: PROJECT_NAME.source, maxLength: 64 })
  @IsOptional()
  @Matches(PROJECT_NAME, { message: `project must be ${PROJECT_NAME_RULE}` })
  @IsString()
  project?: string;

  /**
   * The configured project to sign with, by its Agora App ID (either case). An App ID no configured project
   * has is a 400 naming `appId`, as is one of another project than `project` names when both are sent; a
   * caller limited to some projects gets a 403 (rule `projects`) for a project outside them.
   * @example "0123456789abcdef0123456789abcdef"
   */
  @ApiPropertyOptional({ pattern: HEX32.source })
  @IsOptional()
  @Matches(HEX32, { message: 'appId must be 32 hexadecimal characters' })
  @IsString()
  appId?: string;

  /**
   * How long the token is valid, in seconds from now (not a timestamp). Defaults to
   * TOKEN_DEFAULT_EXPIRE_SECONDS (3600); at most TOKEN_MAX_EXPIRE_SECONDS and never above 86400 (24 h).
   * @example 3600
   */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Max(AGORA_MAX_EXPIRE_SECONDS)
  @Min(1)
  @IsInt()
  expireSeconds?: number;
}
