import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { Secret, type ISecret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { ManifestKinds } from './kubernetes-kinds.js';
import { unknownFields } from './kubernetes-unknown-fields.js';

/** One rendered object, as `kubectl kustomize` prints it: its type by apiVersion and kind, the rest left to the schemas. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The kinds deploy/kubernetes may hold, each with the kubernetes-models class that validates it against the API's schema. */
const MODELS: Record<keyof ManifestKinds, new (data: never) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'v1 Service': Service,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
};

/** `kubectl kustomize deploy/kubernetes`, parsed: what `kubectl apply -k` would send. */
export function renderManifests(): RenderedObject[] {
  const text = execFileSync('kubectl', ['kustomize', 'deploy/kubernetes'], { encoding: 'utf8' });
  return parseAllDocuments(text)
    .map((document) => document.toJS() as RenderedObject | null)
    .filter((object): object is RenderedObject => object !== null);
}

/**
 * Validates an object against its kind's Kubernetes API schema, and refuses any field the schema does not know (a
 * misspelled one, which the schema's validation lets through); throws for a kind the folder should not hold.
 */
export function validateManifest(object: RenderedObject): void {
  const Model = MODELS[`${object.apiVersion} ${object.kind}` as keyof ManifestKinds];
  if (!Model) throw new Error(`unexpected kind ${object.apiVersion} ${object.kind} (${object.metadata.name})`);
  new Model(unwrapped(object) as never).validate();
  const unknown = unknownFields(object);
  if (unknown.length > 0) throw new Error(`${object.kind} ${object.metadata.name}: fields the Kubernetes API does not know: ${unknown.join(', ')}`);
}

/**
 * A recent kustomize wraps a Secret's base64 values at 76 characters. The API server's decoder (Go's) skips the
 * line breaks; the schema's `byte` format does not, so they are taken out before validating.
 */
function unwrapped(object: RenderedObject): RenderedObject {
  if (object.kind !== 'Secret' || !object.data) return object;
  const data = Object.entries(object.data as Record<string, string>).map(([key, value]) => [key, value.replace(/\n/g, '')]);
  return { ...object, data: Object.fromEntries(data) };
}

/** The one rendered object of this kind and name. */
export function manifest<T>(objects: RenderedObject[], kind: string, name: string): T {
  const found = objects.filter((object) => object.kind === kind && object.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0] as unknown as T;
}

/** The token service's Deployment and its one container. */
export function tokenService(objects: RenderedObject[]): { deployment: IDeployment; container: IContainer } {
  const deployment = manifest<IDeployment>(objects, 'Deployment', 'agora-token-service');
  const containers = deployment.spec!.template.spec!.containers;
  if (containers.length !== 1) throw new Error(`expected one container, found ${containers.length}`);
  return { deployment, container: containers[0] };
}

/** The container port a probe, Service or annotation names (by name or number), or undefined when the container has none such. */
export function containerPort(container: IContainer, port: number | string | undefined): number | undefined {
  return container.ports?.find((candidate) => candidate.containerPort === Number(port) || candidate.name === port)?.containerPort;
}

/** A probe's HTTP path and the container port it reaches. */
export function probeTarget(container: IContainer, probe: IProbe | undefined): { path?: string; port?: number } {
  return { path: probe?.httpGet?.path, port: containerPort(container, probe?.httpGet?.port) };
}

/**
 * The container's environment as the kubelet sets it: plain values, and values from Secret or ConfigMap keys
 * (an optional key whose Secret is not rendered is left out; a required one throws).
 */
export function containerEnv(objects: RenderedObject[], container: IContainer): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { name, value, valueFrom } of container.env ?? []) {
    if (value !== undefined) env[name] = value;
    const reference = valueFrom?.secretKeyRef ?? valueFrom?.configMapKeyRef;
    if (!reference) continue;
    const kind = valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
    const source = objects.find((object) => object.kind === kind && object.metadata.name === reference.name);
    const data = source && dataOf(source as unknown as IConfigMap | ISecret, kind);
    if (data?.[reference.key] !== undefined) env[name] = data[reference.key].toString('utf8');
    else if (!reference.optional) throw new Error(`${name}: ${kind} ${reference.name} has no key ${reference.key}`);
  }
  return env;
}

/** The files a ConfigMap, Secret or projected volume shows in its folder, by name, as the kubelet writes them. */
export function volumeFiles(objects: RenderedObject[], volume: IVolume): Record<string, Buffer> {
  const sources = volume.projected
    ? volume.projected.sources!.map(({ configMap, secret }) => (configMap ? { kind: 'ConfigMap', ...configMap } : { kind: 'Secret', ...secret! }))
    : [volume.configMap ? { kind: 'ConfigMap', ...volume.configMap } : { kind: 'Secret', name: volume.secret!.secretName, ...volume.secret! }];
  const files: Record<string, Buffer> = {};
  for (const { kind, name, items } of sources) {
    const source = objects.find((object) => object.kind === kind && object.metadata.name === name);
    if (!source) throw new Error(`volume ${volume.name}: no ${kind} ${name}`);
    if (items) throw new Error('items are not followed here: the manifests mount whole sources');
    Object.assign(files, dataOf(source as unknown as IConfigMap | ISecret, kind));
  }
  return files;
}

function dataOf(object: IConfigMap | ISecret, kind: string): Record<string, Buffer> {
  const encoded = kind === 'Secret';
  return Object.fromEntries(Object.entries(object.data ?? {}).map(([key, value]) => [key, Buffer.from(value, encoded ? 'base64' : 'utf8')]));
}
