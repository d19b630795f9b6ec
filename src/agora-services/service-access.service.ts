import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ProjectRegistry } from '../agora/projects/project-registry.js';
import type { AgoraProject } from '../agora/projects/project.interface.js';
import { UPSTREAM_PROBLEM_TYPE } from '../agora-rest/agora-upstream.error.js';
import { matchesAnyGlob } from '../auth/authorization/channel-glob.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import { ownerOf } from '../auth/caller-owner.js';
import { recordProject } from '../common/logging/request-record.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import { recordingConfig } from '../recording/recording.config.js';
import { chooseStorageProfile } from '../recording/storage/choose-storage-profile.js';
import type { StorageProfile } from '../recording/storage/storage-profile.interface.js';
import { ProjectSelector } from '../tokens/project-selector.js';
import type { AgoraService } from './agora-service.js';
import type { OwnedEntry } from './owned-entry.js';
import { OwnershipIndex } from './ownership-index.js';
import { MAX_SEALED_ID_LENGTH, openSealedId, projectOfSealedId, sealId, sealingKey } from './sealed-id.codec.js';
import { ServiceNotFound } from './service-problems.js';

/** A project that can call Agora's REST APIs (it has a Customer ID and Secret). */
export type RestProject = AgoraProject & { readonly rest: NonNullable<AgoraProject['rest']> };

/** Where a request acts: the project it names (`project` or `appId`, else the default) and its channel, if any. */
export interface ServiceRequest {
  readonly project?: string;
  readonly appId?: string;
  readonly channel?: string;
}

/** A resource found by its id: its project, the service's data sealed in the id, and its owner. */
export interface OpenedResource<T> {
  readonly project: RestProject;
  readonly data: T;
  readonly owner: string;
}

/**
 * Who may use an Agora REST service and on what, for every service beside cloud recording (transcription, media
 * push, media pull, stream keys): the checks before a start ({@link begin}), the opaque ids that carry a resource
 * and its owner ({@link seal}, {@link open}), and the ownership index behind lists ({@link remember},
 * {@link list}, {@link forget}).
 */
@Injectable()
export class ServiceAccess {
  constructor(
    private readonly registry: ProjectRegistry,
    private readonly selector: ProjectSelector,
    private readonly authorizer: TokenAuthorizer,
    private readonly index: OwnershipIndex,
    @Inject(recordingConfig.KEY) private readonly storage: ConfigType<typeof recordingConfig>,
  ) {}

  /** Whether any project has REST credentials: without one, every service route answers 404. */
  isOn(): boolean {
    return this.registry.current.projects.some((project) => project.rest !== undefined);
  }

  /**
   * The project a request acts in, after every check in order: the service is on (404), the caller's policy names
   * it (403 `kinds` / `services`), the project (400 `project`/`appId`, 403 `projects`), it has REST credentials (404),
   * and the channel, when the request names one, is the caller's to use (403 `channels`).
   */
  begin(service: AgoraService, request: ServiceRequest, caller: Caller): RestProject {
    if (!this.isOn()) throw ServiceNotFound.off(service);
    this.authorizer.checkKind(caller, service);
    const project = this.selector.select(request, caller);
    if (!hasRest(project)) throw ServiceNotFound.project(service, project.name);
    if (request.channel !== undefined) this.authorizer.checkChannel(caller, request.channel);
    return project;
  }

  /**
   * The opaque id of a resource `caller` started: `data` (Agora's ids, the channel, anything later calls need)
   * encrypted under a key of the project's and this service's, with the caller as owner. A 502 if Agora's ids make
   * it too long for a URL (Agora's ids are far shorter).
   */
  seal<T extends { readonly channel: string }>(service: AgoraService, project: RestProject, caller: Caller, data: T): string {
    const id = sealId(service.policyKind, project.name, { owner: ownerOf(caller), data }, this.key(service, project));
    if (id.length <= MAX_SEALED_ID_LENGTH) return id;
    throw new ProblemException(HttpStatus.BAD_GATEWAY, `Agora's ids for this ${service.noun} are too long for an id this service could open again.`, UPSTREAM_PROBLEM_TYPE);
  }

  /**
   * The resource `id` names, if it is genuine and `caller` may reach it: its owner may, and so may an API key with
   * `resources: "any"` within its `channels`. One 404 for everything else, so ids cannot be probed. The caller's
   * policy is judged again (its kinds, its projects, and for a `change` its channels): a key that lost the service can
   * no longer touch what it started.
   */
  open<T extends { readonly channel: string }>(service: AgoraService, id: string, caller: Caller, { change = false } = {}): OpenedResource<T> {
    if (!this.isOn()) throw ServiceNotFound.off(service);
    this.authorizer.checkKind(caller, service);
    const name = projectOfSealedId(id);
    const project = name === undefined ? undefined : this.registry.current.byName.get(name);
    const content = project && hasRest(project) ? openSealedId<T>(service.policyKind, id, this.key(service, project)) : undefined;
    if (!project || !content || typeof content.data?.channel !== 'string' || !mayReach(caller, content.owner, content.data.channel)) {
      throw ServiceNotFound.id(service);
    }
    this.authorizer.checkProject(caller, project.name);
    // A change (a new push URL, a new stream to pull) acts in the channel again: the caller's channels must still
    // allow it. Reading and ending stay open to the owner, so a key narrowed since can still stop what it started.
    if (change) this.authorizer.checkChannel(caller, content.data.channel);
    recordProject(caller, project.name);
    return { project: project as RestProject, data: content.data, owner: content.owner };
  }

  /** Records that `caller` started the resource, for lists. */
  remember(service: AgoraService, project: RestProject, caller: Caller, entry: Omit<OwnedEntry, 'owner' | 'createdAt'>): Promise<void> {
    return this.index.add(namespace(service, project), { ...entry, owner: ownerOf(caller), createdAt: Math.floor(Date.now() / 1000) });
  }

  /** Forgets an ended resource (or one Agora no longer lists). */
  forget(service: AgoraService, project: RestProject, agoraId: string): Promise<void> {
    return this.index.remove(namespace(service, project), agoraId);
  }

  /** The resources of the project `caller` may reach (its own; any within its channels for `resources: any`), in `channel` if given. */
  async list(service: AgoraService, project: RestProject, caller: Caller, channel?: string): Promise<OwnedEntry[]> {
    const entries = await this.index.entries(namespace(service, project));
    return entries.filter((entry) => (channel === undefined || entry.channel === channel) && mayReach(caller, entry.owner, entry.channel));
  }

  /** The storage profile `name` chooses for the project (the first that serves it by default): 400 on `field`, 404 when none serves it. */
  chooseStorage(service: AgoraService, name: string | undefined, project: string, field: string): StorageProfile {
    return chooseStorageProfile(this.storage.storageProfiles, name, project, (unserved) => ServiceNotFound.storage(service, unserved), field);
  }

  private key(service: AgoraService, project: RestProject): Buffer {
    return sealingKey(service.policyKind, project.appId, project.rest.customerSecret);
  }
}

function hasRest(project: AgoraProject): project is RestProject {
  return project.rest !== undefined;
}

function namespace(service: AgoraService, project: RestProject): string {
  return `${service.policyKind}/${project.name}`;
}

/** Whether `caller` may act on a resource of `owner` in `channel`. */
function mayReach(caller: Caller, owner: string, channel: string): boolean {
  if (owner === ownerOf(caller)) return true;
  if (caller.kind !== 'apikey' || caller.policy.resources !== 'any') return false;
  return caller.policy.channels === undefined || matchesAnyGlob(channel, caller.policy.channels);
}
