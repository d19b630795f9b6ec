/**
 * The client's name for each operation. Nest's operationIds (`RtcController_create`) name a controller's method,
 * not what the call does, and Swagger UI's links use them, so they stay as they are in the document; the client
 * derives its names from the method and the path instead: POST /v1/rtc/token → createRtcToken, GET
 * /v1/transcriptions → listTranscriptions, GET /v1/transcriptions/{id} → getTranscription, PATCH
 * /v1/recordings/{id}/layout → updateRecordingLayout. A few read better by what the route does ({@link NAMED}).
 */

/** Operations whose derived name would mislead: a recording is started and stopped, a token inspected. */
const NAMED = {
  'post /v1/recordings': 'startRecording',
  'delete /v1/recordings/{id}': 'stopRecording',
  'post /v1/tokens/inspect': 'inspectToken',
};

const VERBS = { post: 'create', patch: 'update', put: 'replace', delete: 'delete' };

/** The function name of the operation at `method path`, given every path of the document (to tell lists from reads). */
export function operationName(method, path, paths) {
  const named = NAMED[`${method} ${path}`];
  if (named) return named;
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== 'v1');
  const collection = method === 'get' && !segments.at(-1).startsWith('{') && paths.some((other) => other.startsWith(`${path}/{`));
  const verb = collection ? 'list' : (VERBS[method] ?? method);
  // A collection's name is singular when the call is about one item: the one just created, or the one its id names.
  const singular = (word, index) => (!collection && isCollection(segments, index, method, paths, path) ? singularOf(word) : word);
  return verb + segments
    .map((segment, index) => (segment.startsWith('{') ? '' : pascal(singular(segment, index))))
    .join('');
}

/** Whether `segments[index]` names a collection of items: an id follows it, or the document has `…/{id}` under it. */
function isCollection(segments, index, method, paths, path) {
  if (segments[index + 1]?.startsWith('{')) return true;
  return index === segments.length - 1 && method === 'post' && paths.some((other) => other.startsWith(`${path}/{`));
}

function singularOf(word) {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

function pascal(word) {
  return word
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** Names every operation, failing on two alike (which NAMED must then tell apart). */
export function nameOperations(operations) {
  const paths = [...new Set(operations.map(({ path }) => path))];
  const byName = new Map();
  for (const entry of operations) {
    const name = operationName(entry.method, entry.path, paths);
    const clash = byName.get(name);
    if (clash) throw new Error(`${clash.method.toUpperCase()} ${clash.path} and ${entry.method.toUpperCase()} ${entry.path} would both be ${name}: name one in NAMED`);
    byName.set(name, entry);
  }
  return [...byName].map(([name, entry]) => ({ name, ...entry }));
}
