/** An Agora project as the service holds it: never logged, never answered (see projects-file.ts). */
export interface AgoraProject {
  /** The name requests choose it by (`project`), and logs and metrics name it by. */
  readonly name: string;
  readonly appId: string;
  /** The certificate tokens are signed with. */
  readonly certificate: string;
  /** The certificate Agora also accepts while the project rotates, if one is enabled. */
  readonly secondaryCertificate?: string;
}
