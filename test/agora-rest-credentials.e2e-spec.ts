import { afterAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { eventually } from './support/eventually.js';
import { generationsOf, logLines, newHex32, newProjectNames, ProjectsFolder } from './support/projects-folder.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { freePort, spawnService, type RunningService } from './support/spawn-service.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

/** A Customer Secret as the Agora console shows one, drawn anew each run. */
const newSecret = () => randomBytes(16).toString('hex');

/** REST credentials as an operator meets them: the built service, run as a process. */
describe('Agora REST credentials in the running service', () => {
  const running: RunningService[] = [];
  afterAll(() => running.forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL')));

  it('refuses to start with half a pair, naming the variable or the entry and field, never the secret', async () => {
    const secret = newSecret();
    const shortcut = spawnService({ APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE, AGORA_CUSTOMER_SECRET: secret });
    const folder = new ProjectsFolder();
    folder.projects([{ name: 'video', appId: newHex32(), certificate: newHex32(), customerSecret: secret }]);
    const file = spawnService({ AGORA_PROJECTS_FILE: folder.projectsFile });
    running.push(shortcut, file);

    expect(await shortcut.exited).not.toBe(0);
    expect(shortcut.output()).toContain('AGORA_CUSTOMER_ID and AGORA_CUSTOMER_SECRET must be set together');
    expect(await file.exited).not.toBe(0);
    expect(file.output()).toContain('AGORA_PROJECTS_FILE entry 1: customerSecret needs customerId');
    expect(secretsFoundIn(shortcut.output() + file.output(), { secret })).toEqual([]);
  });

  it('reloads the projects when a customer secret file is rotated, and never writes either secret', async () => {
    const [name] = newProjectNames(1);
    const secrets = { old: newSecret(), new: newSecret() };
    const folder = new ProjectsFolder();
    folder.certificate('video.rest', secrets.old);
    folder.projects([{ name, appId: newHex32(), certificate: newHex32(), customerId: newHex32(), customerSecretFile: 'video.rest' }]);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const service = spawnService({
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_MODE: 'none',
      LOG_LEVEL: 'trace',
      AGORA_PROJECTS_FILE: folder.projectsFile,
      AGORA_PROJECTS_WATCH_SECONDS: '1',
    });
    running.push(service);
    await eventually(() => fetch(`${url}/health/ready`).then((r) => r.ok, () => false), 200);

    folder.certificate('video.rest', secrets.new);
    await eventually(async () => (await generationsOf(url)).ready === 2);
    folder.certificate('video.rest', secrets.new);
    await eventually(async () => logLines(service.output(), 'file change: projects configuration unchanged').length === 1);

    expect(await generationsOf(url)).toEqual({ ready: 2, metrics: 2 });
    expect(secretsFoundIn(service.output(), secrets)).toEqual([]);
  }, 30_000);
});
