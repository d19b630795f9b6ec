/**
 * The OpenAPI document the client is generated from: the one the built app serves at /docs-json, started in this
 * process from dist/ with a fixed environment, then narrowed to the operations the client offers.
 */

/**
 * The environment the document is read under, and nothing else (the caller's variables and any .env are ignored:
 * NODE_ENV=test skips .env). The service documents every current route whatever its configuration (auth mode,
 * Agora REST credentials and storage only decide what a call answers), so defaults do; the deprecated routes of
 * the community servers, the one part configuration switches (LEGACY_ROUTES), are left out of the client anyway.
 */
export const DOCUMENT_ENV = Object.freeze({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LEGACY_ROUTES: 'false' });

/** Reads /docs-json from the app dist/app.factory.js builds, under {@link DOCUMENT_ENV} alone. */
export async function servedDocument(distDir) {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, DOCUMENT_ENV);
  const { createApp } = await import(new URL('app.factory.js', distDir).href);
  const app = await createApp({ requestLogs: false, logger: false });
  try {
    const answer = await app.inject({ method: 'GET', url: '/docs-json' });
    if (answer.statusCode !== 200) throw new Error(`GET /docs-json answered ${answer.statusCode}`);
    return answer.json();
  } finally {
    await app.close();
  }
}

/**
 * The document with only the operations the client offers: every operation that is not deprecated (the /v1 API and
 * health), and only the components they refer to, so the deprecated compatibility routes add no types.
 */
export function clientDocument(document) {
  const paths = {};
  for (const [path, item] of Object.entries(document.paths)) {
    const kept = Object.fromEntries(Object.entries(item).filter(([, operation]) => !operation.deprecated));
    if (Object.keys(kept).length > 0) paths[path] = kept;
  }
  const narrowed = { ...document, paths, components: { ...document.components } };
  const used = referencedComponents(narrowed);
  for (const kind of ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers']) {
    const entries = Object.entries(document.components?.[kind] ?? {}).filter(([name]) => used.has(`#/components/${kind}/${name}`));
    if (entries.length > 0) narrowed.components[kind] = Object.fromEntries(entries);
    else delete narrowed.components[kind];
  }
  return narrowed;
}

/** Every `$ref` reachable from the paths, following references inside the components they name. */
function referencedComponents(document) {
  const found = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    if (typeof node.$ref === 'string' && !found.has(node.$ref)) {
      found.add(node.$ref);
      visit(resolve(document, node.$ref));
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(document.paths);
  return found;
}

function resolve(document, ref) {
  if (!ref.startsWith('#/')) throw new Error(`external reference ${ref}: the client resolves only the document's own`);
  return ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
}

/** The operations of a document, sorted by path then method, as `{ path, method, operation }`. */
export function operationsOf(document) {
  return Object.keys(document.paths)
    .sort()
    .flatMap((path) =>
      Object.keys(document.paths[path])
        .sort()
        .map((method) => ({ path, method, operation: document.paths[path][method] })),
    );
}
