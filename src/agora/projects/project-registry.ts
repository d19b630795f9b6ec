import type { AgoraProject } from './project.interface.js';

/** One loaded configuration of projects: replaced whole, never changed in place. */
export interface ProjectsGeneration {
  /** 1 for the configuration read at start-up, then one more for each accepted reload. */
  readonly generation: number;
  readonly loadedAt: Date;
  readonly projects: readonly AgoraProject[];
  /** The first project: the one a request that names none gets. */
  readonly default: AgoraProject;
  readonly byName: ReadonlyMap<string, AgoraProject>;
  /** By App ID in lower case: App IDs are hex, and callers may spell them either way. */
  readonly byAppId: ReadonlyMap<string, AgoraProject>;
  /** The files the configuration was read from, for the reloader to watch (none for APP_ID/APP_CERTIFICATE). */
  readonly files: readonly string[];
}

/** What loading the configuration gives: its projects, and the files they were read from. */
export interface ProjectsSource {
  readonly projects: readonly AgoraProject[];
  readonly files?: readonly string[];
}

/** What a reload did: swapped in a new generation, or kept the current one for these reasons. */
export type ReloadOutcome =
  | { readonly accepted: true; readonly generation: number }
  /** Refused; `files`, when known, are those the refused configuration named (to watch for a fix). */
  | { readonly accepted: false; readonly problems: readonly string[]; readonly files?: readonly string[] }
  /** The configuration loaded, and holds exactly the projects already served: no new generation. */
  | { readonly accepted: true; readonly unchanged: true; readonly generation: number };

/**
 * The projects the service signs for, swapped atomically: a reader takes `current` once and works
 * with that generation to the end, so a request never sees half of an old configuration and half of
 * a new one. A reload whose configuration fails to load changes nothing.
 *
 * @example
 * const registry = new ProjectRegistry(() => readProjectsFile(path));
 * registry.find({ project: 'video' }); // the project, or undefined
 * registry.reload(); // { accepted: true, generation: 2 }, { accepted: false, problems: [...] }, or unchanged
 */
export class ProjectRegistry {
  private generation: ProjectsGeneration;

  /** `load` reads and validates the configuration; it throws (a ConfigValidationError) to refuse it. */
  /** `initial`, when given, is the configuration already read and validated (at start-up): it is not read again. */
  constructor(
    private readonly load: () => ProjectsSource,
    private readonly now: () => Date = () => new Date(),
    initial: ProjectsSource = load(),
  ) {
    this.generation = generationOf(initial, 1, now());
  }

  get current(): ProjectsGeneration {
    return this.generation;
  }

  /** The project a request names by `project` (name) or `appId`, or the default when it names none. */
  find(selector: { readonly project?: string; readonly appId?: string }): AgoraProject | undefined {
    const { generation } = this;
    if (selector.project !== undefined) {
      const project = generation.byName.get(selector.project);
      return selector.appId === undefined || project?.appId.toLowerCase() === selector.appId.toLowerCase() ? project : undefined;
    }
    if (selector.appId !== undefined) return generation.byAppId.get(selector.appId.toLowerCase());
    return generation.default;
  }

  /** Loads the configuration again and swaps it in whole, or keeps the current one if it fails to load. */
  reload(): ReloadOutcome {
    let source: ProjectsSource;
    try {
      source = this.load();
      if (source.projects.length === 0) throw new Error('the configuration lists no projects');
    } catch (error) {
      const { problems, files } = error as { problems?: unknown; files?: unknown };
      return {
        accepted: false,
        problems: Array.isArray(problems) ? (problems as string[]) : [(error as Error).message],
        ...(Array.isArray(files) ? { files: files as string[] } : {}),
      };
    }
    const current = this.generation;
    if (sameProjects(current.projects, source.projects) && sameFiles(current.files, source.files ?? [])) {
      return { accepted: true, unchanged: true, generation: current.generation };
    }
    this.generation = generationOf(source, current.generation + 1, this.now());
    return { accepted: true, generation: this.generation.generation };
  }
}

function sameProjects(a: readonly AgoraProject[], b: readonly AgoraProject[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (project, index) =>
        project.name === b[index].name &&
        project.appId === b[index].appId &&
        project.certificate === b[index].certificate &&
        project.secondaryCertificate === b[index].secondaryCertificate &&
        // A rotated Customer Secret is a change too: the REST client signs with the generation it is given.
        project.rest?.customerId === b[index].rest?.customerId &&
        project.rest?.customerSecret === b[index].rest?.customerSecret,
    )
  );
}

function sameFiles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((file, index) => file === b[index]);
}

function generationOf({ projects, files = [] }: ProjectsSource, generation: number, loadedAt: Date): ProjectsGeneration {
  if (projects.length === 0) throw new Error('A projects configuration needs at least one project');
  return {
    generation,
    loadedAt,
    projects,
    files,
    default: projects[0],
    byName: new Map(projects.map((project) => [project.name, project])),
    byAppId: new Map(projects.map((project) => [project.appId.toLowerCase(), project])),
  };
}
