import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { posix } from 'node:path';
import { newApiKey, sha256Hex } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { eventually } from './support/eventually.js';
import { KubeletVolume } from './support/kubelet-volume.js';
import { containerEnv, probeTarget, renderManifests, tokenService, volumeFiles } from './support/kubernetes-manifests.js';
import { newHex32, readyGeneration } from './support/projects-folder.js';
import { RedisServer } from './support/redis-server.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { freePort, spawnService, type RunningService } from './support/spawn-service.js';

/**
 * The pod deploy/kubernetes describes, run with real parts where Kubernetes is missing: the built service started
 * with the Deployment's container environment, its mounted volume laid out and updated as the kubelet does (a
 * real redis-server in place of redis.yaml's). Only what cannot be the same here is remapped: the mount path to a
 * temporary folder, the port to a free one, Redis's host to 127.0.0.1. The operator's own API key replaces the
 * placeholder digest, as an overlay does.
 */
const objects = renderManifests();
const { deployment, container } = tokenService(objects);
const podSpec = deployment.spec!.template.spec!;
const [mount] = container.volumeMounts!;
const mounted = volumeFiles(objects, podSpec.volumes!.find(({ name }) => name === mount.name)!);
const manifestEnv = containerEnv(objects, container);
const inMount = (path: string) => posix.relative(mount.mountPath, path);
const projectsName = inMount(manifestEnv.AGORA_PROJECTS_FILE);
const [project] = JSON.parse(mounted[projectsName].toString()) as { name: string; appId: string; certificateFile: string }[];
const placeholderCertificate = mounted[project.certificateFile].toString().trim();
const key = newApiKey();
/** The volume's files with the operator's API keys file (the key's digest, as the file holds) in place of the placeholder. */
const operatorFiles = { ...mounted, [inMount(manifestEnv.API_KEYS_FILE)]: JSON.stringify([{ id: 'operator', sha256: sha256Hex(key) }]) };

describe('a pod as deploy/kubernetes describes it', () => {
  const volume = new KubeletVolume();
  let redis: RedisServer;
  let service: RunningService;
  let base: string;

  /** The URL a probe or scrape of the manifests reaches: its path, on this run's port if it names the container port. */
  function urlOf(target: { path?: string; port?: number }): string {
    expect(target.port).toBe(Number(manifestEnv.PORT));
    return `${base}${target.path}`;
  }

  async function issue(): Promise<string> {
    const response = await fetch(`${base}/v1/rtc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ channel: 'k8s-room', uid: 7 }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  }

  beforeAll(async () => {
    redis = await RedisServer.start();
    volume.write(operatorFiles);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = Object.fromEntries(Object.entries(manifestEnv).map(([name, value]) => [name, value.replace(`${mount.mountPath}/`, `${volume.path}/`)]));
    service = spawnService({ ...env, PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redis.url });
    // The startup probe's budget: its period times its failure threshold.
    const { periodSeconds = 10, failureThreshold = 3 } = container.startupProbe!;
    await eventually(() => fetch(urlOf(probeTarget(container, container.startupProbe))).then((r) => r.ok, () => false), periodSeconds * failureThreshold * 10);
  }, 40_000);

  afterAll(async () => {
    if (service?.child.exitCode === null) service.child.kill('SIGKILL');
    await redis?.stop();
    volume.dispose();
  });

  it('answers its startup, liveness and readiness probes with 200, and the scrape annotations with metrics', async () => {
    for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
      expect((await fetch(urlOf(probeTarget(container, probe)))).status).toBe(200);
    }
    const annotations = deployment.spec!.template.metadata!.annotations!;
    const scrape = await fetch(urlOf({ path: annotations['prometheus.io/path'], port: Number(annotations['prometheus.io/port']) }));
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toMatch(/^agora_projects_config_generation 1$/m);
  });

  it('signs with the mounted project certificate, for a caller holding a key of the mounted API keys file', async () => {
    const token = decodeToken(await issue());
    expect({ appId: token.appId, channel: token.rtc?.channel }).toEqual({ appId: project.appId, channel: 'k8s-room' });
    expect(token.verifies(placeholderCertificate)).toBe(true);
  });

  it('serves a rotated certificate without a restart once the kubelet swaps the volume', async () => {
    const before = await issue();
    const rotated = newHex32();
    // One apply of the Secret and the ConfigMap: the new certificate primary, the old one kept as secondary.
    const withSecondary = [{ ...project, secondaryCertificateFile: 'previous.certificate' }];
    volume.write({ ...operatorFiles, [project.certificateFile]: `${rotated}\n`, 'previous.certificate': `${placeholderCertificate}\n`, [projectsName]: JSON.stringify(withSecondary) });

    const watchSeconds = Number(manifestEnv.AGORA_PROJECTS_WATCH_SECONDS);
    await eventually(async () => (await readyGeneration(base)) === 2, (watchSeconds + 5) * 10);
    const after = decodeToken(await issue());
    expect({ rotated: after.verifies(rotated), placeholder: after.verifies(placeholderCertificate) }).toEqual({ rotated: true, placeholder: false });
    const inspected = await fetch(`${base}/v1/tokens/inspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ token: before }),
    });
    expect(((await inspected.json()) as { signedWith: string }).signedWith).toBe('secondary');
    expect(service.child.exitCode).toBeNull();
    // The placeholder is public (example/); the operator's certificate and key are not.
    expect(secretsFoundIn(service.output(), { rotated, key })).toEqual([]);
  }, 30_000);

  it('through a Redis restart issues tokens throughout; readiness fails while Redis is away and is back within one probe period of its return', async () => {
    const { periodSeconds = 10, failureThreshold = 3 } = container.readinessProbe!;
    const readiness = urlOf(probeTarget(container, container.readinessProbe));
    const failing: number[] = [];
    /** One readiness answer, noting when it is not 200. */
    const probe = async () => {
      const ok = (await fetch(readiness)).ok;
      if (!ok) failing.push(Date.now());
      return ok;
    };
    await redis.stop();
    const stopped = Date.now();
    while (Date.now() - stopped < 3_000) {
      await probe();
      expect(decodeToken(await issue()).appId).toBe(project.appId);
      await new Promise((tick) => setTimeout(tick, 100));
    }
    await redis.restart();
    const restarted = Date.now();
    await eventually(probe, 50);
    // Back within one probe period: the kubelet's next probe finds the pod ready, so a restart shorter than
    // (failureThreshold - 1) periods (the manifests spec checks that allowance) never leaves the Service empty.
    expect(Date.now() - restarted).toBeLessThan(periodSeconds * 1000);
    // Readiness requires Redis (README, "Probes"), so it did fail; the kubelet leaves a pod out of the Service after
    // failureThreshold failed probes periodSeconds apart, which a shorter run of failures cannot hold at any phase.
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.at(-1)! - failing[0]).toBeLessThan((failureThreshold - 1) * periodSeconds * 1000);
    expect(decodeToken(await issue()).appId).toBe(project.appId);
  }, 20_000);

  it('on SIGTERM turns readiness 503, serves on through the drain, and exits 0 within the grace period', async () => {
    const drainMs = Number(manifestEnv.SHUTDOWN_DRAIN_SECONDS) * 1000;
    const signalled = Date.now();
    service.child.kill('SIGTERM');
    await eventually(async () => (await fetch(urlOf(probeTarget(container, container.readinessProbe)))).status === 503, 20);
    // Requests still sent while kube-proxy and ingress controllers catch up with the pod's removal are served; the
    // last half second is left out, as the listener closes right at the drain's end.
    while (Date.now() - signalled < drainMs - 500) {
      expect(decodeToken(await issue()).appId).toBe(project.appId);
      await new Promise((tick) => setTimeout(tick, 250));
    }
    expect(await service.exited).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(drainMs);
    expect(Date.now() - signalled).toBeLessThan(podSpec.terminationGracePeriodSeconds! * 1000);
  }, 90_000);
});
