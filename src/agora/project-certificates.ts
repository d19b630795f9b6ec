import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { agoraConfig } from './agora.config.js';

/** An Agora project as token inspection sees it: its App ID and the certificates its tokens may be signed with. */
export interface ProjectCertificates {
  /** The project's name (never a secret: it appears in answers and logs). */
  readonly name: string;
  readonly appId: string;
  /** The certificate new tokens are signed with. */
  readonly primary: string;
  /** A second certificate Agora also accepts during a rotation. */
  readonly secondary?: string;
}

/**
 * Finds a configured project by App ID. The one-project configuration (APP_ID, APP_CERTIFICATE)
 * implements it today; a projects file will implement it as well, so inspection needs no change.
 */
export abstract class ProjectCertificatesLookup {
  abstract byAppId(appId: string): ProjectCertificates | undefined;
}

/** The name of the project APP_ID and APP_CERTIFICATE configure. */
export const DEFAULT_PROJECT_NAME = 'default';

/** The one project of APP_ID and APP_CERTIFICATE (or the demo pair), named `default`. */
@Injectable()
export class SingleProjectCertificates extends ProjectCertificatesLookup {
  private readonly project: ProjectCertificates;

  constructor(@Inject(agoraConfig.KEY) credentials: ConfigType<typeof agoraConfig>) {
    super();
    this.project = { name: DEFAULT_PROJECT_NAME, appId: credentials.appId, primary: credentials.appCertificate };
  }

  byAppId(appId: string): ProjectCertificates | undefined {
    // App IDs are hexadecimal: a token may spell one in the other case.
    return appId.toLowerCase() === this.project.appId.toLowerCase() ? this.project : undefined;
  }
}
