import { readFileSync } from 'node:fs';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/** src/'s top-level folder (`auth`, `common`, `rtc`…) of a module, or undefined for a file at src/'s root. */
function folderOf(path: string): string | undefined {
  return /^src\/([^/]+)\//.exec(path)?.[1];
}

/** One cycle among the folders of this import graph, as a path `a → b → a`, or undefined. */
function folderCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const done = new Set<string>();
  const visit = (folder: string, path: string[]): string[] | undefined => {
    if (path.includes(folder)) return [...path.slice(path.indexOf(folder)), folder];
    if (done.has(folder)) return undefined;
    for (const next of edges.get(folder) ?? []) {
      const cycle = visit(next, [...path, folder]);
      if (cycle) return cycle;
    }
    done.add(folder);
    return undefined;
  };
  for (const folder of edges.keys()) {
    const cycle = visit(folder, []);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * The import rules of docs/architecture.md, on the code as it is: the file rules of
 * .dependency-cruiser.cjs (which folder may import which; no cycle between files), and no cycle
 * between src/'s top-level folders (features, auth, agora, common).
 */
describe('import graph of src/', () => {
  let result: ICruiseResult;

  beforeAll(async () => {
    const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
    const output = await cruise(['src'], options, undefined, { tsConfig: extractTSConfig('tsconfig.json') });
    result = output.output as ICruiseResult;
  }, 60_000);

  it('breaks none of the rules in .dependency-cruiser.cjs', () => {
    const violations = result.summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`);
    expect(violations).toEqual([]);
  });

  it('has no cycle between the top-level folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const module of result.modules) {
      const from = folderOf(module.source);
      if (!from) continue;
      for (const { resolved } of module.dependencies) {
        const to = folderOf(resolved);
        if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    expect(edges.size).toBeGreaterThan(5);
    expect(folderCycle(edges)).toBeUndefined();
  });

  // Nest's RouteConfig replaces a route's whole config: used anywhere else, it could drop a route's
  // @Public() or @RequestBody() mark. WithRouteConfig merges (src/common/http/route-config.ts).
  it('reaches route config only through WithRouteConfig', () => {
    const importers = result.modules
      .filter(({ source }) => source.startsWith('src/') && source !== 'src/common/http/route-config.ts')
      .filter(({ source }) => /\bRouteConfig\b[^;]*from '@nestjs\/platform-fastify'/.test(readFileSync(source, 'utf8')))
      .map(({ source }) => source);
    expect(importers).toEqual([]);
  });
});
