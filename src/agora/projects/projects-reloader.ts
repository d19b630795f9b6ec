import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { statSync } from 'node:fs';
import { agoraConfig, type ProjectsConfig } from '../agora.config.js';
import { ProjectRegistry, type ReloadOutcome } from './project-registry.js';
import { readProjectsFile } from './projects-file.js';

/** The ProjectRegistry of the configured source: AGORA_PROJECTS_FILE, read again on every reload, or the fixed shortcut. */
export function projectRegistryOf(config: ProjectsConfig): ProjectRegistry {
  if (!('file' in config)) return new ProjectRegistry(() => ({ projects: config.projects }));
  return new ProjectRegistry(() => readProjectsFile(config.file), undefined, config.loaded);
}

/** What started a reload, as the log line names it. */
type Trigger = 'SIGHUP' | 'file change';

/**
 * Rotation without a restart: reloads AGORA_PROJECTS_FILE on `SIGHUP`, and when the projects file or a
 * certificate file it names changes (checked every AGORA_PROJECTS_WATCH_SECONDS by stat: it sees
 * editors' renames and Kubernetes' symlink swaps, which inotify watches miss). A configuration that
 * fails validation is refused with an error line naming entries and fields, never a value, and the
 * current generation keeps serving.
 */
@Injectable()
export class ProjectsReloader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projects');
  private timer?: NodeJS.Timeout;
  /** Each watched file's stat stamp as last read, so a refused file is reported once, not every poll. */
  private seen = new Map<string, string>();
  /** The files watched: the current generation's, and those a refused configuration named, whose fix must be noticed too. */
  private watched: readonly string[] = [];
  private readonly onHangUp = () => void this.reload('SIGHUP');

  constructor(
    private readonly registry: ProjectRegistry,
    @Inject(agoraConfig.KEY) private readonly config: ProjectsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { projects } = this.registry.current;
    if (this.config.demo) {
      this.logger.warn(
        'APP_ID and APP_CERTIFICATE are not set: serving tokens signed with DEMO credentials. ' +
          'Agora will reject these tokens. Set both variables, or AGORA_PROJECTS_FILE (see .env.example), for real use.',
      );
    }
    this.logger.log(`Serving ${projects.length} project(s), generation 1; requests that name none get "${projects[0].name}"`);
    // Always handled: Node's default for SIGHUP is to exit, and a reload signal must never stop the service.
    process.on('SIGHUP', this.onHangUp);
    if ('file' in this.config && this.config.watchSeconds > 0) {
      // The registry read the files while the modules were built; one that changed since would look seen.
      // Stamp them, then read them again: a change made meanwhile is loaded now or seen by the next poll.
      this.watched = this.registry.current.files;
      this.reload('file change', { quietWhenUnchanged: true });
      this.timer = setInterval(() => this.poll(), this.config.watchSeconds * 1000).unref();
    }
  }

  onApplicationShutdown(): void {
    process.off('SIGHUP', this.onHangUp);
    clearInterval(this.timer);
  }

  /** Loads the configuration again and swaps it in whole, or keeps the current one; logs what happened. */
  reload(trigger: Trigger, { quietWhenUnchanged = false } = {}): ReloadOutcome | undefined {
    if (!('file' in this.config)) {
      this.logger.log(`${trigger}: nothing to reload (APP_ID and APP_CERTIFICATE are read at start-up; use AGORA_PROJECTS_FILE to rotate)`);
      return undefined;
    }
    // Stamped before they are read: a file that changes while it is read differs at the next poll and is read again.
    const before = this.stamps();
    const outcome = this.registry.reload();
    this.watched = [...new Set([...this.registry.current.files, ...(outcome.accepted ? [] : (outcome.files ?? []))])];
    this.seen = new Map(this.watchedFiles().map((file) => [file, before.get(file) ?? stampOf(file)]));
    if (!outcome.accepted) {
      const { generation } = this.registry.current;
      this.logger.error(`${trigger}: projects configuration refused, still serving generation ${generation}: ${outcome.problems.join('; ')}`);
    } else if ('unchanged' in outcome) {
      if (!quietWhenUnchanged) this.logger.log(`${trigger}: projects configuration unchanged (generation ${outcome.generation})`);
    } else {
      const { projects } = this.registry.current;
      this.logger.log(`${trigger}: serving ${projects.length} project(s), generation ${outcome.generation}; requests that name none get "${projects[0].name}"`);
    }
    return outcome;
  }

  private poll(): void {
    if (this.watchedFiles().some((file) => stampOf(file) !== this.seen.get(file))) this.reload('file change');
  }

  private watchedFiles(): string[] {
    return 'file' in this.config ? [this.config.file, ...this.watched] : [];
  }

  private stamps(): Map<string, string> {
    return new Map(this.watchedFiles().map((file) => [file, stampOf(file)]));
  }
}

/** A file's identity, size and modification time: it differs after an edit, a rename over it or a symlink swap. */
function stampOf(file: string): string {
  try {
    const { ino, size, mtimeMs } = statSync(file);
    return `${ino}:${size}:${mtimeMs}`;
  } catch {
    return 'missing';
  }
}
