import { registerAs } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, validateSync } from 'class-validator';
import { ConfigValidationError, validateEnv } from '../config/env-validation.js';
import { StorageProfileEntry } from './storage/storage-profile-entry.js';
import type { StorageProfile } from './storage/storage-profile.interface.js';
import { readStorageProfilesFile } from './storage/storage-profiles-file.js';

/** The name of the one profile the STORAGE_* shortcut configures. */
export const DEFAULT_STORAGE_PROFILE = 'default';

/** The Go fork's variables, kept as a one-profile shortcut so its deployments move over unchanged. */
const SHORTCUT = {
  STORAGE_VENDOR: 'vendor',
  STORAGE_REGION: 'region',
  STORAGE_BUCKET: 'bucket',
  STORAGE_BUCKET_ACCESS_KEY: 'accessKey',
  STORAGE_BUCKET_SECRET_KEY: 'secretKey',
} as const;

class RecordingEnv {
  @IsOptional()
  @IsString()
  AGORA_STORAGE_PROFILES_FILE?: string;

  @IsOptional() @IsString() STORAGE_VENDOR?: string;
  @IsOptional() @IsString() STORAGE_REGION?: string;
  @IsOptional() @IsString() STORAGE_BUCKET?: string;
  @IsOptional() @IsString() STORAGE_BUCKET_ACCESS_KEY?: string;
  @IsOptional() @IsString() STORAGE_BUCKET_SECRET_KEY?: string;
}

/**
 * Where cloud recordings are stored: the profiles of AGORA_STORAGE_PROFILES_FILE, or the one profile the
 * STORAGE_* variables describe (named `default`), or none (recording is then off). Validated here, so a bad
 * profile stops start-up; errors name the variable or entry and field, never a value.
 */
export const recordingConfig = registerAs('recording', (): { readonly storageProfiles: readonly StorageProfile[] } => {
  const env = validateEnv(RecordingEnv);
  const shortcut = Object.keys(SHORTCUT).filter((name) => env[name as keyof typeof SHORTCUT] !== undefined);
  if (env.AGORA_STORAGE_PROFILES_FILE) {
    if (shortcut.length > 0) throw new ConfigValidationError(['Set AGORA_STORAGE_PROFILES_FILE or the STORAGE_* variables, not both']);
    return { storageProfiles: readStorageProfilesFile(env.AGORA_STORAGE_PROFILES_FILE) };
  }
  if (shortcut.length === 0) return { storageProfiles: [] };
  return { storageProfiles: [shortcutProfile(env)] };
});

function shortcutProfile(env: RecordingEnv): StorageProfile {
  const missing = Object.keys(SHORTCUT).filter((name) => env[name as keyof typeof SHORTCUT] === undefined);
  if (missing.length > 0) throw new ConfigValidationError(missing.map((name) => `${name} is required when any STORAGE_* variable is set`));
  const number = (value: string | undefined) => (/^\d{1,3}$/.test(value!) ? Number(value) : Number.NaN);
  const entry = {
    name: DEFAULT_STORAGE_PROFILE,
    vendor: number(env.STORAGE_VENDOR),
    region: number(env.STORAGE_REGION),
    bucket: env.STORAGE_BUCKET,
    accessKey: env.STORAGE_BUCKET_ACCESS_KEY,
    secretKey: env.STORAGE_BUCKET_SECRET_KEY,
  };
  const errors = validateSync(plainToInstance(StorageProfileEntry, entry), { validationError: { target: false, value: false } });
  const byField = Object.fromEntries(Object.entries(SHORTCUT).map(([variable, field]) => [field, variable]));
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${byField[error.property] ?? error.property}: ${message}`),
  );
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return entry as StorageProfile;
}
