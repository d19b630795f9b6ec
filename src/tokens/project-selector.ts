import { Injectable } from '@nestjs/common';
import type { TokenRequestDto } from '../agora/dto/token-request.dto.js';
import type { AgoraProject } from '../agora/projects/project.interface.js';
import { ProjectRegistry } from '../agora/projects/project-registry.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import { recordProject } from '../common/logging/request-record.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';

/**
 * Chooses the project that signs a request's token: the one it names by `project` (name) or `appId`, or
 * the default (the first configured). The choice is read from one generation of the ProjectRegistry, so
 * a reload in between never mixes two configurations; it is recorded on the request, for the log line
 * and any problem answered after it.
 *
 * @example
 * selector.select({ project: 'video' }, caller); // the project; a 403 (rule projects) or a 400 otherwise
 */
@Injectable()
export class ProjectSelector {
  constructor(
    private readonly registry: ProjectRegistry,
    private readonly authorizer: TokenAuthorizer,
  ) {}

  select(request: Pick<TokenRequestDto, 'project' | 'appId'>, caller: Caller): AgoraProject {
    const { project: name, appId } = request;
    const generation = this.registry.current;
    const project =
      name !== undefined ? generation.byName.get(name) : appId !== undefined ? generation.byAppId.get(appId.toLowerCase()) : generation.default;
    // A caller limited to some projects is refused before it can learn which others are configured: by
    // the name it asked for, or the App ID as it sent it (never the name of the project that has it).
    const shownAs = name ?? (appId !== undefined ? `with App ID ${appId}` : project!.name);
    this.authorizer.checkProject(caller, project?.name ?? name ?? '', shownAs);
    if (project === undefined) {
      throw name !== undefined
        ? ValidationProblemException.field('project', 'project names no configured project')
        : ValidationProblemException.field('appId', 'appId is not the App ID of a configured project');
    }
    if (name !== undefined && appId !== undefined && appId.toLowerCase() !== project.appId.toLowerCase()) {
      throw ValidationProblemException.field('appId', `appId is not the App ID of project ${name}`);
    }
    recordProject(caller, project.name);
    return project;
  }
}
