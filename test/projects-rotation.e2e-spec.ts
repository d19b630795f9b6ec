import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { eventually } from './support/eventually.js';
import { generationsOf, logLines, newHex32, newProjectNames, ProjectsFolder, readyGeneration } from './support/projects-folder.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { freePort, spawnService, type RunningService } from './support/spawn-service.js';
import { TokenLoad, type CollectedToken } from './support/token-load.js';

const API_KEY = newApiKey();
/** Project A is rotated from `old` to `new`; project B keeps its certificate throughout. Their names are drawn anew each run. */
const [NAME_A, NAME_B] = newProjectNames(2);
const A = { name: NAME_A, appId: newHex32(), old: newHex32(), new: newHex32() };
const B = { name: NAME_B, appId: newHex32(), certificate: newHex32() };
const CERTIFICATES = { 'A old': A.old, 'A new': A.new, B: B.certificate };

/** Each project asked for by name and by App ID (in capitals: callers spell App IDs either way). */
const TARGETS = [A, B].flatMap(({ name, appId }) => [
  { label: `${name} by project`, project: name, body: { channel: 'rotation', uid: 7, project: name } },
  { label: `${name} by appId`, project: name, body: { channel: 'rotation', uid: 7, appId: appId.toUpperCase() } },
]);

/** What a token says about itself: the project its App ID belongs to, and which known certificates verify it. */
function signature({ token }: CollectedToken): string {
  const decoded = decodeToken(token);
  const project = [A, B].find(({ appId }) => appId === decoded.appId)?.name ?? 'an unknown App ID';
  const verifying = Object.entries(CERTIFICATES).filter(([, certificate]) => decoded.verifies(certificate));
  return `${project}, verifies with ${verifying.map(([name]) => name).join(' and ') || 'none'}`;
}

/** When a request was made, around the signal: answered before it was sent, sent after the new generation was served, or neither. */
type Phase = 'before' | 'between' | 'after';
const PHASES: Record<Phase, string> = { before: 'answered before the signal', between: 'in flight during the swap', after: 'sent after generation 2 was served' };
/** The certificates each project's tokens may verify with in each phase: exactly one of them, as signature() lists them. */
const ROTATION: Record<string, Record<Phase, string[]>> = {
  [A.name]: { before: ['A old'], between: ['A old', 'A new'], after: ['A new'] },
  [B.name]: { before: ['B'], between: ['B'], after: ['B'] },
};

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe('certificate rotation in a running process (AGORA_PROJECTS_FILE with certificate files, SIGHUP)', () => {
  const folder = new ProjectsFolder();
  let service: RunningService;
  let url: string;
  let load: TokenLoad | undefined;
  const issued: CollectedToken[] = [];
  const caller = { 'x-api-key': API_KEY };

  beforeAll(async () => {
    folder.certificate('a.cert', A.old);
    folder.certificate('b.cert', B.certificate);
    folder.projects([
      { name: A.name, appId: A.appId, certificateFile: 'a.cert' },
      { name: B.name, appId: B.appId, certificateFile: 'b.cert' },
    ]);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    service = spawnService({
      PORT: String(port),
      HOST: '127.0.0.1',
      AGORA_PROJECTS_FILE: folder.projectsFile,
      // Reloads come from the signal only here, so the test knows when the swap was asked for.
      AGORA_PROJECTS_WATCH_SECONDS: '0',
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([{ id: 'rotation-test', key: API_KEY }]),
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    await eventually(() => fetch(`${url}/health/ready`).then((r) => r.ok, () => false), 200);
  }, 30_000);

  afterAll(async () => {
    await load?.stop();
    if (service?.child.exitCode === null) service.child.kill('SIGKILL');
  });

  it('answers every request while SIGHUP swaps the certificate: old-certificate tokens before, new ones after', async () => {
    expect(await generationsOf(url)).toEqual({ ready: 1, metrics: 1 });
    load = new TokenLoad(url, TARGETS, caller);
    await eventually(async () => load!.sentAfter() >= 10);

    // The operator's rotation: the new certificate in the file the project names, the old one kept as secondary.
    folder.certificate('a-previous.cert', A.old);
    folder.certificate('a.cert', A.new);
    folder.projects([
      { name: A.name, appId: A.appId, certificateFile: 'a.cert', secondaryCertificateFile: 'a-previous.cert' },
      { name: B.name, appId: B.appId, certificateFile: 'b.cert' },
    ]);
    const signalledAt = Date.now();
    process.kill(service.child.pid!, 'SIGHUP');
    await eventually(async () => (await readyGeneration(url)) === 2);
    const observedAt = Date.now();
    await eventually(async () => load!.sentAfter(observedAt) >= 10);
    const { failures, tokens } = await load.stop();
    issued.push(...tokens);

    expect(failures).toEqual({});
    const phase = ({ startedAt, endedAt }: CollectedToken): Phase => (endedAt < signalledAt ? 'before' : startedAt > observedAt ? 'after' : 'between');
    const unexpected = tokens.filter((token) => !ROTATION[token.project][phase(token)].some((name) => signature(token) === `${token.project}, verifies with ${name}`));
    expect(tally(unexpected.map((token) => `${token.label}, ${PHASES[phase(token)]}: ${signature(token)}`))).toEqual({});
    // Not vacuous: each target was answered on both sides of the swap.
    const sides = new Set(tokens.map((token) => `${token.label} ${phase(token)}`));
    expect(TARGETS.flatMap(({ label }) => [`${label} before`, `${label} after`]).filter((side) => !sides.has(side))).toEqual([]);
    expect(await generationsOf(url)).toEqual({ ready: 2, metrics: 2 });
    expect(logLines(service.output(), 'SIGHUP: serving 2 project(s), generation 2')).toHaveLength(1);
  }, 30_000);

  it('inspects a token of the old certificate as signed with the secondary, one of the new as the primary', async () => {
    const inspect = async (token: string) =>
      (await fetch(`${url}/v1/tokens/inspect`, { method: 'POST', headers: { 'content-type': 'application/json', ...caller }, body: JSON.stringify({ token }) })).json();
    const first = issued.find((token) => token.project === A.name)!;
    const last = issued.findLast((token) => token.project === A.name)!;
    const other = issued.findLast((token) => token.project === B.name)!;

    expect(await inspect(first.token)).toMatchObject({ appId: A.appId, project: A.name, signatureValid: true, signedWith: 'secondary' });
    expect(await inspect(last.token)).toMatchObject({ appId: A.appId, project: A.name, signatureValid: true, signedWith: 'primary' });
    expect(await inspect(other.token)).toMatchObject({ appId: B.appId, project: B.name, signatureValid: true, signedWith: 'primary' });
  });

  it('refuses a broken file on SIGHUP with an error naming what is wrong, and serves generation 2 throughout', async () => {
    load = new TokenLoad(url, TARGETS, caller);
    await eventually(async () => load!.sentAfter() >= 5);
    const refusals = () => logLines(service.output(), 'projects configuration refused');

    folder.replace('projects.json', '[{"name": "video", "appId": ');
    process.kill(service.child.pid!, 'SIGHUP');
    await eventually(async () => refusals().length === 1);
    // Well-formed, but a certificate file lost a character and another is missing (not yet written, say).
    folder.certificate('a-typo.cert', A.new.slice(1));
    folder.projects([
      { name: A.name, appId: A.appId, certificateFile: 'a-typo.cert' },
      { name: B.name, appId: B.appId, certificateFile: 'b.cert', secondaryCertificateFile: 'b-next.cert' },
    ]);
    process.kill(service.child.pid!, 'SIGHUP');
    await eventually(async () => refusals().length === 2);
    // An inline certificate pasted one character short.
    folder.projects([
      { name: A.name, appId: A.appId, certificateFile: 'a.cert' },
      { name: B.name, appId: B.appId, certificate: B.certificate.slice(1) },
    ]);
    process.kill(service.child.pid!, 'SIGHUP');
    await eventually(async () => refusals().length === 3);
    const refusedAt = Date.now();
    await eventually(async () => load!.sentAfter(refusedAt) >= 5);
    const { failures, tokens } = await load.stop();
    issued.push(...tokens);

    expect(failures).toEqual({});
    expect(tally(tokens.map(signature))).toEqual({
      [`${A.name}, verifies with A new`]: expect.any(Number),
      [`${B.name}, verifies with B`]: expect.any(Number),
    });
    const refused = 'SIGHUP: projects configuration refused, still serving generation 2: AGORA_PROJECTS_FILE';
    expect(refusals()).toEqual([
      { level: 'error', msg: `${refused} is not valid JSON` },
      {
        level: 'error',
        msg: `${refused} entry 1: certificateFile must hold 32 hexadecimal characters; AGORA_PROJECTS_FILE entry 2: secondaryCertificateFile cannot be read`,
      },
      { level: 'error', msg: `${refused} entry 2: certificate must be 32 hexadecimal characters` },
    ]);
    expect(await generationsOf(url)).toEqual({ ready: 2, metrics: 2 });
  }, 30_000);

  it('writes no certificate, API key or issued token to its output, in any encoding', () => {
    const output = service.output();
    const secrets = { ...CERTIFICATES, 'A new, one character short': A.new.slice(1), 'B, one character short': B.certificate.slice(1), 'API key': API_KEY };
    expect(secretsFoundIn(output, secrets)).toEqual([]);
    expect(issued.filter(({ token }) => output.includes(token))).toEqual([]);
    // Every encoding of a sample across both load phases (all of them would take a minute of string searches).
    const sample = issued.filter((_token, index) => index % Math.ceil(issued.length / 20) === 0);
    expect(secretsFoundIn(output, Object.fromEntries(sample.map(({ token }, index) => [`token ${index}`, token])))).toEqual([]);
    // Not vacuous: the output is the request log of what was issued.
    expect(logLines(output, 'request completed').length).toBeGreaterThanOrEqual(issued.length);
  });
});
