/** An Agora project as the service holds it: never logged, never answered (see projects-file.ts). */
export interface AgoraProject {
  /** The name requests choose it by (`project`), and logs and metrics name it by. */
  readonly name: string;
  readonly appId: string;
  /** The certificate tokens are signed with. */
  readonly certificate: string;
  /** The certificate Agora also accepts while the project rotates, if one is enabled. */
  readonly secondaryCertificate?: string;
  /** The Customer ID and Secret Agora's REST APIs (cloud recording, …) take as Basic auth, if the project has them. */
  readonly rest?: AgoraRestCredentials;
}

/** A project's RESTful API credentials (Agora console → RESTful API): never logged, never answered. */
export interface AgoraRestCredentials {
  readonly customerId: string;
  readonly customerSecret: string;
}
