import { matchesAnyGlob } from '../../auth/authorization/channel-glob.js';
import { ValidationProblemException } from '../../common/problem/validation-problem.exception.js';
import type { StorageProfile } from './storage-profile.interface.js';

/**
 * The storage profile a request uploads to (a recording's files, a transcription's captions): the one it names, or
 * the first that serves its project. A profile whose `projects` does not match the project is refused as a 400 on
 * `field` (a bucket belongs to the projects it lists, whoever asks); a project no profile serves throws `unserved`'s
 * error (a 404 naming the project).
 */
export function chooseStorageProfile(
  profiles: readonly StorageProfile[],
  name: string | undefined,
  project: string,
  unserved: (project: string) => Error,
  field = 'storage',
): StorageProfile {
  const serves = (profile: StorageProfile) => profile.projects === undefined || matchesAnyGlob(project, profile.projects);
  if (name === undefined) {
    const profile = profiles.find(serves);
    if (!profile) throw unserved(project);
    return profile;
  }
  const profile = profiles.find((candidate) => candidate.name === name);
  if (!profile) throw ValidationProblemException.field(field, `${field} names no configured storage profile`);
  if (!serves(profile)) throw ValidationProblemException.field(field, `${field} names a storage profile that does not serve the chosen project`);
  return profile;
}
