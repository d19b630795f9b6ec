import { registerAs } from '@nestjs/config';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ConfigValidationError, EnvInt, isProduction, validateEnv } from '../config/env-validation.js';
import type { AgoraProject, AgoraRestCredentials } from './projects/project.interface.js';
import { CUSTOMER_ID, CUSTOMER_ID_RULE, CUSTOMER_SECRET, CUSTOMER_SECRET_RULE, HEX32 } from './projects/project-entry.js';
import type { ProjectsSource } from './projects/project-registry.js';
import { readProjectsFile } from './projects/projects-file.js';

/**
 * A well-formed pair that Agora's servers will reject. It lets a fresh clone
 * serve tokens and Swagger UI at once; it is refused in production.
 */
export const DEMO_CREDENTIALS = {
  appId: '0123456789abcdef0123456789abcdef',
  appCertificate: 'fedcba9876543210fedcba9876543210',
} as const;

/** The name of the one project APP_ID and APP_CERTIFICATE (or the demo pair) configure. */
export const DEFAULT_PROJECT_NAME = 'default';

class AgoraEnv {
  @IsOptional()
  @Matches(HEX32, { message: 'APP_ID must be 32 hexadecimal characters' })
  APP_ID?: string;

  @IsOptional()
  @Matches(HEX32, { message: 'APP_CERTIFICATE must be 32 hexadecimal characters' })
  APP_CERTIFICATE?: string;

  @IsOptional()
  @IsString()
  AGORA_PROJECTS_FILE?: string;

  /** The shortcut project's REST credentials (Agora console → RESTful API); a projects file names its own. */
  @IsOptional()
  @Matches(CUSTOMER_ID, { message: `AGORA_CUSTOMER_ID must be ${CUSTOMER_ID_RULE}` })
  AGORA_CUSTOMER_ID?: string;

  @IsOptional()
  @Matches(CUSTOMER_SECRET, { message: `AGORA_CUSTOMER_SECRET must be ${CUSTOMER_SECRET_RULE}` })
  AGORA_CUSTOMER_SECRET?: string;

  /** How often the projects file and its certificate files are checked for changes; 0 leaves it to SIGHUP. */
  @IsOptional()
  @EnvInt(0, 3600)
  AGORA_PROJECTS_WATCH_SECONDS = 5;
}

/**
 * Where the projects come from: AGORA_PROJECTS_FILE, or the one-project shortcut APP_ID and
 * APP_CERTIFICATE (or, outside production, the demo pair). Either is loaded and validated here, so a bad
 * configuration stops start-up; the ProjectRegistry loads it again on every reload.
 */
export type ProjectsConfig =
  | { readonly file: string; readonly watchSeconds: number; readonly demo: false; readonly loaded: ProjectsSource }
  | { readonly projects: readonly AgoraProject[]; readonly demo: boolean };

/** The projects' Agora credentials. Only the ProjectRegistry reads them. */
export const agoraConfig = registerAs('agora', (): ProjectsConfig => {
  const env = validateEnv(AgoraEnv);
  if (env.AGORA_PROJECTS_FILE) {
    if (env.APP_ID || env.APP_CERTIFICATE) {
      throw new ConfigValidationError(['Set AGORA_PROJECTS_FILE or APP_ID and APP_CERTIFICATE, not both']);
    }
    if (env.AGORA_CUSTOMER_ID || env.AGORA_CUSTOMER_SECRET) {
      throw new ConfigValidationError(['With AGORA_PROJECTS_FILE, give each project its customerId and customerSecret there, not AGORA_CUSTOMER_ID or AGORA_CUSTOMER_SECRET']);
    }
    // Read once here, so a bad file stops start-up; the registry starts from what was read.
    const loaded = readProjectsFile(env.AGORA_PROJECTS_FILE);
    return { file: env.AGORA_PROJECTS_FILE, watchSeconds: env.AGORA_PROJECTS_WATCH_SECONDS, demo: false, loaded };
  }
  const rest = restCredentials(env);
  if (env.APP_ID && env.APP_CERTIFICATE) {
    // Lower case, as Agora writes them: see projects-file.ts.
    const project = { name: DEFAULT_PROJECT_NAME, appId: env.APP_ID.toLowerCase(), certificate: env.APP_CERTIFICATE.toLowerCase(), ...rest };
    return { projects: [project], demo: false };
  }
  if (env.APP_ID || env.APP_CERTIFICATE) {
    throw new ConfigValidationError(['APP_ID and APP_CERTIFICATE must be set together']);
  }
  if (isProduction()) {
    throw new ConfigValidationError(['AGORA_PROJECTS_FILE, or APP_ID and APP_CERTIFICATE, are required when NODE_ENV=production']);
  }
  const demo = { name: DEFAULT_PROJECT_NAME, appId: DEMO_CREDENTIALS.appId, certificate: DEMO_CREDENTIALS.appCertificate, ...rest };
  return { projects: [demo], demo: true };
});

/** AGORA_CUSTOMER_ID and AGORA_CUSTOMER_SECRET, both or neither, as the shortcut project's `rest`. */
function restCredentials(env: AgoraEnv): { rest?: AgoraRestCredentials } {
  const { AGORA_CUSTOMER_ID: customerId, AGORA_CUSTOMER_SECRET: customerSecret } = env;
  if (customerId && customerSecret) return { rest: { customerId, customerSecret } };
  if (customerId || customerSecret) throw new ConfigValidationError(['AGORA_CUSTOMER_ID and AGORA_CUSTOMER_SECRET must be set together']);
  return {};
}
