import { describe, expect, it } from '@jest/globals';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { containerEnv, containerPort, manifest, probeTarget, renderManifests, tokenService, validateManifest, volumeFiles } from './support/kubernetes-manifests.js';

/**
 * deploy/kubernetes as `kubectl kustomize` renders it (what `kubectl apply -k` sends): every object valid against
 * the Kubernetes API's schema, and the properties the README promises. test/kubernetes-pod.e2e-spec.ts runs the
 * service the way these objects describe.
 */
const objects = renderManifests();
const { deployment, container } = tokenService(objects);
const pod = deployment.spec!.template;
const env = containerEnv(objects, container);
const port = Number(env.PORT);

/**
 * How long kube-proxy on each node and an ingress controller may still send new connections to a pod once its
 * deletion has taken it out of the EndpointSlices: a few seconds (the allowance of the usual preStop `sleep 5`).
 */
const ENDPOINT_PROPAGATION_SECONDS = 5;
/** How long redis.yaml's pod may be away when it restarts or is moved to another node (a node drain, a change). */
const REDIS_RESTART_SECONDS = 20;

/** A resource quantity in cores or bytes: `250m`, `1`, `160Mi`. */
function quantity(value: string | number | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(String(value));
  if (!match) throw new Error(`not a quantity this spec reads: ${value}`);
  const unit = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.keys(selector ?? {}).length > 0 && Object.entries(selector!).every(([key, value]) => labels?.[key] === value);
}

describe('deploy/kubernetes, rendered by kubectl kustomize', () => {
  it('holds only objects valid against the Kubernetes API schema, of the kinds the README lists', () => {
    for (const object of objects) expect(() => validateManifest(object)).not.toThrow();
    expect(objects.map(({ kind, metadata }) => `${kind} ${metadata.name}`).sort()).toEqual([
      'ConfigMap agora-token-service-projects',
      'Deployment agora-token-service',
      'Deployment agora-token-service-redis',
      'HorizontalPodAutoscaler agora-token-service',
      'PodDisruptionBudget agora-token-service',
      'Secret agora-token-service-api-keys',
      'Secret agora-token-service-certificates',
      'Service agora-token-service',
      'Service agora-token-service-redis',
    ]);
  });

  it('runs at least two replicas, counted by the HPA alone, rolled one new pod at a time without losing one', () => {
    // With `replicas` in the Deployment, every `kubectl apply` would set a fleet the HPA had scaled up back to it.
    expect(deployment.spec!.replicas).toBeUndefined();
    const hpa = manifest<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler', 'agora-token-service').spec!;
    expect(hpa.scaleTargetRef.name).toBe(deployment.metadata!.name);
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
    // A disruption budget that always leaves a pod serving.
    const pdb = manifest<IPodDisruptionBudget>(objects, 'PodDisruptionBudget', 'agora-token-service').spec!;
    expect(hpa.minReplicas! - Number(pdb.maxUnavailable)).toBeGreaterThanOrEqual(1);
    expect(deployment.spec!.strategy?.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(matches(deployment.spec!.selector.matchLabels, pod.metadata?.labels)).toBe(true);
  });

  it('runs as a non-root user, with a read-only root, no privilege escalation, no capabilities and the runtime seccomp profile', () => {
    const podSecurity = pod.spec!.securityContext!;
    expect(podSecurity.runAsNonRoot).toBe(true);
    // A numeric uid: the kubelet cannot check that the image's user `node`, given by name, is not root.
    expect(podSecurity.runAsUser).toBeGreaterThan(0);
    expect(podSecurity.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  it('requests and limits CPU and memory, with memory requested above the benchmark peak RSS', () => {
    const { requests, limits } = container.resources!;
    for (const resource of ['cpu', 'memory']) expect(quantity(limits![resource])).toBeGreaterThanOrEqual(quantity(requests![resource]));
    const bench = JSON.parse(readFileSync('bench/RESULTS.json', 'utf8')) as { summary: { service: { peakRssMiB: number } } };
    expect(quantity(requests!.memory)).toBeGreaterThan(bench.summary.service.peakRssMiB * 2 ** 20);
  });

  it('probes /health/live and /health/ready on the port the service listens on', () => {
    expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
    expect(probeTarget(container, container.livenessProbe)).toEqual({ path: '/health/live', port });
    expect(probeTarget(container, container.readinessProbe)).toEqual({ path: '/health/ready', port });
    expect(probeTarget(container, container.startupProbe)).toEqual({ path: '/health/live', port });
  });

  it('keeps its pods in the Service through a Redis restart, which fails every pod\'s readiness at once', () => {
    // Readiness requires Redis (README, "Probes") and all pods share it: if one Redis restart made them all unready,
    // the Service would have no endpoint left. A pod leaves after failureThreshold failed probes in a row, periodSeconds
    // apart: an outage shorter than (failureThreshold - 1) periods never spans that many, whatever the probes' phase.
    const { periodSeconds = 10, failureThreshold = 3 } = container.readinessProbe!;
    expect((failureThreshold - 1) * periodSeconds).toBeGreaterThanOrEqual(REDIS_RESTART_SECONDS);
  });

  it('drains while the endpoints stop sending to a deleted pod, and lets the shutdown finish inside the grace period', () => {
    // A deleted pod leaves the EndpointSlices at once and gets SIGTERM at once: the drain covers the time kube-proxy
    // and ingress controllers take to act on that, not the readiness probe (which a deleted pod does not wait for).
    const drain = Number(env.SHUTDOWN_DRAIN_SECONDS);
    expect(drain).toBeGreaterThan(ENDPOINT_PROPAGATION_SECONDS);
    // A preStop hook would hold SIGTERM back, and so the readiness 503 and Connection: close, eating the grace period.
    expect(container.lifecycle?.preStop).toBeUndefined();
    expect(Number(env.SHUTDOWN_TIMEOUT_SECONDS)).toBeGreaterThan(drain);
    expect(pod.spec!.terminationGracePeriodSeconds).toBeGreaterThan(Number(env.SHUTDOWN_TIMEOUT_SECONDS));
  });

  it('autoscales the Deployment on CPU, from two pods', () => {
    const hpa = manifest<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler', 'agora-token-service').spec!;
    expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata!.name });
    expect(hpa.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } } }]);
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.maxReplicas).toBeGreaterThan(hpa.minReplicas!);
  });

  it('lets voluntary disruptions take one of its pods at a time, and the Service send traffic to them alone', () => {
    const pdb = manifest<IPodDisruptionBudget>(objects, 'PodDisruptionBudget', 'agora-token-service').spec!;
    expect(matches(pdb.selector?.matchLabels, pod.metadata?.labels)).toBe(true);
    expect(pdb.maxUnavailable).toBe(1);
    const service = manifest<IService>(objects, 'Service', 'agora-token-service').spec!;
    expect(matches(service.selector, pod.metadata?.labels)).toBe(true);
    expect(containerPort(container, service.ports![0].targetPort)).toBe(port);
    const redis = manifest<IDeployment>(objects, 'Deployment', 'agora-token-service-redis');
    for (const selector of [pdb.selector?.matchLabels, service.selector]) expect(matches(selector, redis.spec!.template.metadata?.labels)).toBe(false);
  });

  it('asks Prometheus to scrape /metrics on each pod on the service port', () => {
    const annotations = pod.metadata!.annotations!;
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(containerPort(container, annotations['prometheus.io/port'])).toBe(port);
    expect(annotations['prometheus.io/path']).toBe('/metrics');
  });

  it('mounts the projects file, its certificates and the API keys file from a ConfigMap and Secrets, whole folders without subPath', () => {
    expect(container.volumeMounts!.every((mount) => mount.subPath === undefined && mount.subPathExpr === undefined && mount.readOnly)).toBe(true);
    const [mount] = container.volumeMounts!;
    const volume = pod.spec!.volumes!.find(({ name }) => name === mount.name)!;
    expect(volume.projected!.sources!.map((source) => source.configMap?.name ?? `secret ${source.secret?.name}`)).toEqual([
      'agora-token-service-projects',
      'secret agora-token-service-certificates',
      'secret agora-token-service-api-keys',
    ]);
    const files = volumeFiles(objects, volume);
    const inMount = (path: string) => posix.relative(mount.mountPath, path);
    expect(Object.keys(files)).toEqual(expect.arrayContaining([inMount(env.AGORA_PROJECTS_FILE), inMount(env.API_KEYS_FILE)]));
    // Certificate files named relative to the projects file: beside it, in the same volume.
    const projects = JSON.parse(files[inMount(env.AGORA_PROJECTS_FILE)].toString()) as { certificateFile: string }[];
    for (const { certificateFile } of projects) expect(Object.keys(files)).toContain(certificateFile);
  });

  it('ships placeholders only: an App ID and certificate of zeros, and an API key digest no key has', () => {
    const [mount] = container.volumeMounts!;
    const files = volumeFiles(objects, pod.spec!.volumes!.find(({ name }) => name === mount.name)!);
    const projects = JSON.parse(files['projects.json'].toString()) as { appId: string; certificateFile: string }[];
    for (const { appId, certificateFile } of projects) {
      expect(appId).toMatch(/^0{32}$/);
      expect(files[certificateFile].toString().trim()).toMatch(/^0{32}$/);
    }
    const keys = JSON.parse(files['api-keys.json'].toString()) as { sha256: string }[];
    for (const { sha256 } of keys) expect(sha256).toMatch(/^0{64}$/);
  });

  it('sets only variables the service reads, and points REDIS_URL at the Redis Service', () => {
    const sources = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .map((file) => readFileSync(join('src', file), 'utf8'))
      .join('\n');
    for (const { name } of container.env!) expect({ name, read: new RegExp(`\\b${name}\\b`).test(sources) }).toEqual({ name, read: true });
    const redisService = manifest<IService>(objects, 'Service', 'agora-token-service-redis').spec!;
    const redis = manifest<IDeployment>(objects, 'Deployment', 'agora-token-service-redis');
    expect(new URL(env.REDIS_URL).host).toBe(`agora-token-service-redis:${redisService.ports![0].port}`);
    expect(matches(redisService.selector, redis.spec!.template.metadata?.labels)).toBe(true);
  });
});
