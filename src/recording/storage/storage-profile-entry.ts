import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsString, IsUrl, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PROJECT_NAME, PROJECT_NAME_RULE } from '../../agora/projects/project-entry.js';
import { STORAGE_VENDORS } from './storage-profile.interface.js';

/** A field that is checked whenever it is in the file (`null` included, which is not a value here). */
const WhenPresent = (): PropertyDecorator => ValidateIf((_entry, value) => value !== undefined);

/**
 * One entry of AGORA_STORAGE_PROFILES_FILE: a bucket Agora uploads recordings to, and its keys (inline, or
 * each in a file of its own, such as a mounted Kubernetes secret). Unknown fields are refused, so a typo
 * cannot go unnoticed. Messages name the field, never its value.
 */
export class StorageProfileEntry {
  @IsString({ message: 'name must be a string' })
  @Matches(PROJECT_NAME, { message: `name must be ${PROJECT_NAME_RULE}` })
  name: string;

  @IsIn(STORAGE_VENDORS, { message: `vendor must be one of Agora's storage vendors (${STORAGE_VENDORS.join(', ')})` })
  vendor: number;

  @IsInt({ message: 'region must be an integer (Agora’s region number for the vendor)' })
  @Min(0, { message: 'region must be between 0 and 255' })
  @Max(255, { message: 'region must be between 0 and 255' })
  region: number;

  @IsString({ message: 'bucket must be a string' })
  @Length(1, 255, { message: 'bucket must be 1 to 255 characters' })
  bucket: string;

  @WhenPresent()
  @IsString({ message: 'accessKey must be a string' })
  @Length(1, 1024, { message: 'accessKey must be 1 to 1024 characters' })
  accessKey?: string;

  @WhenPresent()
  @IsString({ message: 'accessKeyFile must be a path' })
  accessKeyFile?: string;

  @WhenPresent()
  @IsString({ message: 'secretKey must be a string' })
  @Length(1, 1024, { message: 'secretKey must be 1 to 1024 characters' })
  secretKey?: string;

  @WhenPresent()
  @IsString({ message: 'secretKeyFile must be a path' })
  secretKeyFile?: string;

  /**
   * The projects (names, or globs with `*` as API keys' `projects`) whose recordings may go to this bucket;
   * absent: every project. A request may name only a profile that serves its project.
   */
  @WhenPresent()
  @IsArray({ message: 'projects must be an array' })
  @ArrayNotEmpty({ message: 'projects must not be empty (leave it out for every project)' })
  @IsString({ each: true, message: 'projects must hold strings' })
  @Length(1, 64, { each: true, message: 'each project pattern must be 1 to 64 characters' })
  projects?: string[];

  @WhenPresent()
  @IsUrl({ require_tld: false }, { message: 'endpoint must be a host name or URL' })
  endpoint?: string;
}
