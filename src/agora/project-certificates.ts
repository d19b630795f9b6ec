import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { agoraConfig } from './agora.config.js';
import type { AgoraProject } from './projects/project.interface.js';

/**
 * Finds a configured project by App ID, for token inspection. The one-project configuration (APP_ID,
 * APP_CERTIFICATE) implements it today; the projects registry (`ProjectRegistry.find({ appId })`) can
 * implement it as it is, so inspection needs no change when several projects are served.
 */
export abstract class ProjectCertificatesLookup {
  abstract byAppId(appId: string): AgoraProject | undefined;
}

/** The name of the project APP_ID and APP_CERTIFICATE configure. */
export const DEFAULT_PROJECT_NAME = 'default';

/** The one project of APP_ID and APP_CERTIFICATE (or the demo pair), named `default`. */
@Injectable()
export class SingleProjectCertificates extends ProjectCertificatesLookup {
  private readonly project: AgoraProject;

  constructor(@Inject(agoraConfig.KEY) credentials: ConfigType<typeof agoraConfig>) {
    super();
    this.project = { name: DEFAULT_PROJECT_NAME, appId: credentials.appId, certificate: credentials.appCertificate };
  }

  byAppId(appId: string): AgoraProject | undefined {
    // App IDs are hexadecimal: a token may spell one in the other case.
    return appId.toLowerCase() === this.project.appId.toLowerCase() ? this.project : undefined;
  }
}
