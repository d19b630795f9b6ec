import { afterEach, expect, it, jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newHex32, ProjectsFolder } from '../../../test/support/projects-folder.js';
import { captureLogs, createTestApp } from '../../../test/support/test-app.js';
import { ProjectRegistry } from './project-registry.js';
import { readProjectsFile } from './projects-file.js';
import { ProjectsReloader } from './projects-reloader.js';

/** Every timer but the reloader's poll runs for real, so Nest starts as usual and each poll is one advanceTimersByTime. */
const REAL_TIMERS = ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout'] as const;

let app: NestFastifyApplication | undefined;
afterEach(async () => {
  await app?.close();
  jest.useRealTimers();
});

it('reports a refused file once, not on every poll, and takes the fix on the next poll', async () => {
  jest.useFakeTimers({ doNotFake: [...REAL_TIMERS] });
  const folder = new ProjectsFolder();
  const [appId, certificate, next] = [newHex32(), newHex32(), newHex32()];
  folder.certificate('video.cert', certificate);
  folder.projects([{ name: 'video', appId, certificateFile: 'video.cert' }]);
  const logs = captureLogs();
  app = await createTestApp(
    { APP_ID: undefined, APP_CERTIFICATE: undefined, AGORA_PROJECTS_FILE: folder.projectsFile, AGORA_PROJECTS_WATCH_SECONDS: '1' },
    { requestLogs: true, logger: undefined, logStream: logs.stream },
  );
  const registry = app.get(ProjectRegistry);
  const messages = (text: string) => logs.lines.map(({ msg }) => String(msg)).filter((msg) => msg.includes(text));

  folder.certificate('video.cert', next.slice(2));
  jest.advanceTimersByTime(10_000);
  expect(messages('refused')).toEqual([
    'file change: projects configuration refused, still serving generation 1: AGORA_PROJECTS_FILE entry 1: certificateFile must hold 32 hexadecimal characters',
  ]);
  expect(registry.current.generation).toBe(1);

  folder.certificate('video.cert', next);
  jest.advanceTimersByTime(1_000);
  expect(registry.current).toMatchObject({ generation: 2, default: { certificate: next } });
  jest.advanceTimersByTime(10_000);
  expect(messages('file change')).toEqual([expect.stringContaining('refused'), 'file change: serving 1 project(s), generation 2; requests that name none get "video"']);
});

it('stops polling and leaves SIGHUP to nobody once the app is closed', async () => {
  jest.useFakeTimers({ doNotFake: [...REAL_TIMERS] });
  const before = process.listenerCount('SIGHUP');
  const folder = new ProjectsFolder();
  const appId = newHex32();
  folder.projects([{ name: 'video', appId, certificate: newHex32() }]);
  app = await createTestApp({ APP_ID: undefined, APP_CERTIFICATE: undefined, AGORA_PROJECTS_FILE: folder.projectsFile, AGORA_PROJECTS_WATCH_SECONDS: '1' });
  const registry = app.get(ProjectRegistry);
  expect(process.listenerCount('SIGHUP')).toBe(before + 1);

  await app.close();
  app = undefined;
  folder.projects([{ name: 'video', appId, certificate: newHex32() }]);
  jest.advanceTimersByTime(5_000);
  expect(process.listenerCount('SIGHUP')).toBe(before);
  expect(registry.current.generation).toBe(1);
});

it('reads a file again when it changed while a reload was reading it (an edit racing the reload)', () => {
  jest.useFakeTimers({ doNotFake: [...REAL_TIMERS] });
  const folder = new ProjectsFolder();
  const [appId, first, second, third] = [newHex32(), newHex32(), newHex32(), newHex32()];
  folder.certificate('video.cert', first);
  folder.projects([{ name: 'video', appId, certificateFile: 'video.cert' }]);
  // A writer that replaces the certificate right after the reload read it, before the reload returns.
  let racing: string | undefined;
  const registry = new ProjectRegistry(() => {
    const content = readProjectsFile(folder.projectsFile);
    if (racing) folder.certificate('video.cert', racing);
    racing = undefined;
    return content;
  });
  const reloader = new ProjectsReloader(registry, { file: folder.projectsFile, watchSeconds: 1, demo: false, loaded: registry.current });
  reloader.onApplicationBootstrap();
  try {
    folder.certificate('video.cert', second);
    racing = third;
    jest.advanceTimersByTime(1_000);
    expect(registry.current).toMatchObject({ generation: 2, default: { certificate: second } });

    jest.advanceTimersByTime(1_000);
    expect(registry.current).toMatchObject({ generation: 3, default: { certificate: third } });
  } finally {
    reloader.onApplicationShutdown();
  }
});
