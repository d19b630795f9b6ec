import { Injectable } from '@nestjs/common';
import { ProjectRegistry } from '../agora/projects/project-registry.js';
import type { KindPolicy } from '../auth/authorization/kind-policy.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import { recordProject } from '../common/logging/request-record.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { MalformedToken } from './byte-reader.js';
import type { InspectTokenDto } from './dto/inspect-token.dto.js';
import type { TokenInspectionDto } from './dto/token-inspection.dto.js';
import { decodeToken, type DecodedToken } from './token-decoder.js';
import { reportOf } from './token-report.js';
import { judge } from './token-verdict.js';

/**
 * Inspection's policy: API keys name it `inspect` in their `kinds`. End users (JWT) may not inspect:
 * it is a tool for the servers and operators who hold API keys, it would let an end user check any
 * token they come across against the project's certificates, and the CLI explains a token offline.
 */
export const TOKEN_INSPECTION: KindPolicy = {
  policyKind: 'inspect',
  refusedToEndUsers: { rule: 'inspect', detail: 'end users may not inspect tokens (an API key with the inspect kind may).' },
};

/**
 * Explains a token: decodes it (any format and service agora-token knows) and checks its
 * signature against the configured project of its App ID. It never returns the token or a certificate.
 */
@Injectable()
export class TokenInspector {
  constructor(
    private readonly projects: ProjectRegistry,
    private readonly authorizer: TokenAuthorizer,
  ) {}

  inspect(request: InspectTokenDto, caller: Caller, now = new Date()): TokenInspectionDto {
    this.authorizer.checkKind(caller, TOKEN_INSPECTION);
    const decoded = decodeOrRefuse(request.token);
    const project = this.projects.find({ appId: decoded.appId });
    // A caller limited to some projects may not check tokens against the others' certificates, nor learn their
    // names, nor which App IDs are configured: the same 403 whether or not a project has the token's App ID.
    this.authorizer.checkProject(caller, project?.name ?? '', `with App ID ${decoded.appId}`);
    if (!project) {
      const unchecked = `App ID ${decoded.appId} is not a project configured here: the signature was not checked.`;
      return reportOf(decoded, { project: null, signedWith: 'unknown', unchecked }, now);
    }
    recordProject(caller, project.name);
    const judged = judge(request.token, decoded, project, request);
    return reportOf(judged.decoded, judged.verdict, now);
  }
}

/** The decoded token, or the 400 naming `token` (its detail says why, never quoting the token). */
export function decodeOrRefuse(token: string): DecodedToken {
  try {
    return decodeToken(token);
  } catch (error) {
    if (error instanceof MalformedToken) throw ValidationProblemException.field('token', `token is not an Agora token: ${error.message}.`);
    throw error;
  }
}
