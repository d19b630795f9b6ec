import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeToken } from './support/decode-token.js';
import { eventually } from './support/eventually.js';
import { generationsOf, logLines, newHex32, newProjectNames, ProjectsFolder, readyGeneration } from './support/projects-folder.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { freePort, spawnService, type RunningService } from './support/spawn-service.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

/** Project A reads its certificate from a mounted Secret, project B from a file an operator replaces; names drawn anew each run. */
const [NAME_A, NAME_B] = newProjectNames(2);
const A = { name: NAME_A, appId: newHex32(), certificate: newHex32(), next: newHex32() };
const B = { name: NAME_B, appId: newHex32(), old: newHex32(), new: newHex32() };
const CERTIFICATES = { A: A.certificate, 'A next': A.next, 'B old': B.old, 'B new': B.new, 'the APP_CERTIFICATE': TEST_APP_CERTIFICATE };

/** Starts dist/main.js with these settings (no caller check) and waits until it is ready; resolves with its base URL. */
async function start(env: Record<string, string>): Promise<{ service: RunningService; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = spawnService({ PORT: String(port), HOST: '127.0.0.1', AUTH_MODE: 'none', ...env });
  await eventually(() => fetch(`${url}/health/ready`).then((r) => r.ok, () => false), 200);
  return { service, url };
}

/** Issues an RTC token for the project named (or the default), and says which App ID it carries and which certificates verify it. */
async function issue(url: string, project?: string): Promise<{ appId: string; verifiesWith: string[] }> {
  const response = await fetch(`${url}/v1/rtc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'watch', uid: 9, project }),
  });
  expect(response.status).toBe(200);
  const decoded = decodeToken(((await response.json()) as { token: string }).token);
  return { appId: decoded.appId, verifiesWith: Object.entries(CERTIFICATES).flatMap(([name, certificate]) => (decoded.verifies(certificate) ? [name] : [])) };
}

function stop(service: RunningService | undefined): void {
  if (service?.child.exitCode === null) service.child.kill('SIGKILL');
}

describe('AGORA_PROJECTS_WATCH_SECONDS: a changed certificate file is served without a signal', () => {
  const folder = new ProjectsFolder();
  let service: RunningService;
  let url: string;

  beforeAll(async () => {
    folder.secret('2026_11_30_09_00', { 'a.cert': A.certificate });
    folder.certificate('b.cert', B.old);
    folder.projects([
      { name: A.name, appId: A.appId, certificateFile: 'a.cert' },
      { name: B.name, appId: B.appId, certificateFile: 'b.cert' },
    ]);
    ({ service, url } = await start({ AGORA_PROJECTS_FILE: folder.projectsFile, AGORA_PROJECTS_WATCH_SECONDS: '1' }));
  }, 30_000);
  afterAll(() => stop(service));

  it('serves the next generation within seconds of a certificate file (alone) changing, and signs with it', async () => {
    expect(await issue(url, B.name)).toEqual({ appId: B.appId, verifiesWith: ['B old'] });

    // A Secret's new content, as Kubernetes swaps it in: the projects file is untouched.
    folder.certificate('b.cert', B.new);
    await eventually(async () => (await readyGeneration(url)) === 2);

    expect(await issue(url, B.name)).toEqual({ appId: B.appId, verifiesWith: ['B new'] });
    expect(await issue(url, A.name)).toEqual({ appId: A.appId, verifiesWith: ['A'] });
    expect(await generationsOf(url)).toEqual({ ready: 2, metrics: 2 });
    // Logs are buffered (LOG_SYNC unset): the reload's line is written within a second.
    await eventually(async () => logLines(service.output(), 'file change:').length > 0);
    expect(logLines(service.output(), 'file change:')).toEqual([{ level: 'info', msg: `file change: serving 2 project(s), generation 2; requests that name none get "${A.name}"` }]);
  });

  it('keeps the generation when a file is written again with the same content', async () => {
    folder.certificate('b.cert', B.new);
    await eventually(async () => logLines(service.output(), 'file change: projects configuration unchanged').length === 1);

    expect(await generationsOf(url)).toEqual({ ready: 2, metrics: 2 });
    expect(await issue(url, B.name)).toEqual({ appId: B.appId, verifiesWith: ['B new'] });
  });

  it('takes a refused configuration once the certificate file it names appears (a ConfigMap updated before its Secret)', async () => {
    folder.projects([
      { name: A.name, appId: A.appId, certificateFile: 'a.cert' },
      { name: B.name, appId: B.appId, certificateFile: 'b.cert', secondaryCertificateFile: 'b-previous.cert' },
    ]);
    const refused = 'file change: projects configuration refused, still serving generation 2: AGORA_PROJECTS_FILE entry 2: secondaryCertificateFile cannot be read';
    await eventually(async () => logLines(service.output(), refused).length === 1);
    expect(await issue(url, B.name)).toEqual({ appId: B.appId, verifiesWith: ['B new'] });

    folder.certificate('b-previous.cert', B.old);
    await eventually(async () => (await readyGeneration(url)) === 3);

    expect(await generationsOf(url)).toEqual({ ready: 3, metrics: 3 });
    expect(await issue(url, B.name)).toEqual({ appId: B.appId, verifiesWith: ['B new'] });
    expect(logLines(service.output(), 'projects configuration refused')).toHaveLength(1);
  });

  it('follows a mounted Secret when the kubelet swaps its ..data link', async () => {
    expect(await issue(url, A.name)).toEqual({ appId: A.appId, verifiesWith: ['A'] });

    folder.secret('2026_11_30_10_00', { 'a.cert': A.next });
    await eventually(async () => (await readyGeneration(url)) === 4);

    expect(await issue(url, A.name)).toEqual({ appId: A.appId, verifiesWith: ['A next'] });
    expect(await generationsOf(url)).toEqual({ ready: 4, metrics: 4 });
  });

  it('writes no certificate, old or new, to its output in any encoding', async () => {
    await eventually(async () => logLines(service.output(), 'generation 4').length > 0);
    expect(logLines(service.output(), 'generation 4')).toHaveLength(1);
    expect(secretsFoundIn(service.output(), CERTIFICATES)).toEqual([]);
  });
});

describe('SIGHUP with the APP_ID / APP_CERTIFICATE shortcut', () => {
  let service: RunningService | undefined;
  afterAll(() => stop(service));

  it('does not stop the process (Node would exit on it): it logs that there is nothing to reload and keeps answering', async () => {
    const started = await start({ APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE });
    service = started.service;
    const nothing = 'SIGHUP: nothing to reload';

    for (const times of [1, 2]) {
      process.kill(service.child.pid!, 'SIGHUP');
      await eventually(async () => logLines(service!.output(), nothing).length === times);
      expect(await issue(started.url)).toEqual({ appId: TEST_APP_ID, verifiesWith: ['the APP_CERTIFICATE'] });
    }
    expect({ exitCode: service.child.exitCode, signal: service.child.signalCode }).toEqual({ exitCode: null, signal: null });
    expect(await generationsOf(started.url)).toEqual({ ready: 1, metrics: 1 });
    expect(secretsFoundIn(service.output(), { 'the APP_CERTIFICATE': TEST_APP_CERTIFICATE })).toEqual([]);
    expect(logLines(service.output(), nothing)[0]).toEqual({
      level: 'info',
      msg: 'SIGHUP: nothing to reload (APP_ID and APP_CERTIFICATE are read at start-up; use AGORA_PROJECTS_FILE to rotate)',
    });
  });
});

describe('SIGHUP while the service starts or shuts down', () => {
  it('never stops the process: ignored before the app is up, and during the drain it still exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const service = spawnService({ PORT: String(port), HOST: '127.0.0.1', AUTH_MODE: 'none', APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE, SHUTDOWN_DRAIN_SECONDS: '1' });
    const pid = service.child.pid!;
    // From its first line (Nest starting: main.js is running, its modules still loading) until it answers, and
    // again from SIGTERM until it is gone. Node's default would exit (129).
    await eventually(async () => service.output().length > 0, 300);
    const hangUps = setInterval(() => service.child.exitCode === null && process.kill(pid, 'SIGHUP'), 10);
    try {
      await eventually(() => fetch(`${url}/health/ready`).then((r) => r.ok, () => false), 200);
      expect(await issue(url)).toEqual({ appId: TEST_APP_ID, verifiesWith: ['the APP_CERTIFICATE'] });
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    } finally {
      clearInterval(hangUps);
      stop(service);
    }
    expect(service.child.signalCode).toBeNull();
    // The signals arrived and were handled: ignored while starting or stopping, or by the reloader in between.
    expect(service.output()).toMatch(/SIGHUP ignored: the service is starting or shutting down|SIGHUP: nothing to reload/);
    // A loaded machine may take seconds to print the first line and answer.
  }, 60_000);
});
