import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { renderManifests, validateManifest, type RenderedObject } from './support/kubernetes-manifests.js';
import { unknownFields } from './support/kubernetes-unknown-fields.js';

/**
 * The unknown-field check behind validateManifest, on changed copies of the rendered deploy/kubernetes: a misspelled
 * field passes kubernetes-models' validate() (the API's schemas allow unknown properties), and the API server would
 * drop it, so `replcas: 2` would quietly run one pod. test/kubernetes-manifests.e2e-spec.ts checks the real objects.
 */
const objects = renderManifests();

type Segment = string | number;

/** A path as the check reports it: `spec.template.spec.containers[0].name`. */
function format(segments: Segment[]): string {
  return segments.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

/** A deep copy of the rendered object of this kind and name. */
function copyOf(kind: string, name: string): RenderedObject {
  return structuredClone(objects.find((object) => object.kind === kind && object.metadata.name === name)!);
}

/** The object or array at this path. */
function at(object: unknown, segments: Segment[]): Record<Segment, unknown> {
  return segments.reduce<unknown>((node, segment) => (node as Record<Segment, unknown>)[segment], object) as Record<Segment, unknown>;
}

/** Renames the field at this path, in place and in the same position among its siblings. */
function rename(object: RenderedObject, segments: Segment[], to: string): RenderedObject {
  const parent = at(object, segments.slice(0, -1));
  const entries = Object.entries(parent).map(([key, value]) => [key === segments.at(-1) ? to : key, value]);
  for (const key of Object.keys(parent)) delete parent[key];
  Object.assign(parent, Object.fromEntries(entries));
  return object;
}

/**
 * The maps of the rendered objects, whose keys are names the user chooses (the API's schemas give them
 * `additionalProperties`): a label, an annotation, a data key, a resource name.
 */
function isMap(object: RenderedObject, segments: Segment[]): boolean {
  const path = format(segments);
  return /(^|\.)(labels|annotations|matchLabels|requests|limits)$/.test(path) || path === 'data' || (object.kind === 'Service' && path === 'spec.selector');
}

/** Every field of the object outside those maps, by its path. */
function fieldsOf(object: RenderedObject, value: unknown = object, segments: Segment[] = []): Segment[][] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => fieldsOf(object, item, [...segments, index]));
  const own = isMap(object, segments) ? [] : Object.keys(value).map((key) => [...segments, key]);
  return [...own, ...Object.entries(value).flatMap(([key, child]) => fieldsOf(object, child, [...segments, key]))];
}

describe('the unknown-field check on deploy/kubernetes', () => {
  it.each([
    ['a replica count misspelled', 'Deployment', 'agora-token-service', ['spec', 'replicas'], 'replcas'],
    ['a probe misspelled', 'Deployment', 'agora-token-service', ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe'], 'readinesProbe'],
    ['a probe\'s path misspelled', 'Deployment', 'agora-token-service', ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe', 'httpGet', 'path'], 'paht'],
    ['the pod\'s non-root setting misspelled', 'Deployment', 'agora-token-service', ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot'], 'runAsNonRot'],
    ['the container\'s read-only root misspelled', 'Deployment', 'agora-token-service', ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'readOnlyRootFilesystem'], 'readOnlyRootFileSystem'],
    ['the HPA\'s minimum misspelled', 'HorizontalPodAutoscaler', 'agora-token-service', ['spec', 'minReplicas'], 'minReplica'],
  ] as [string, string, string, Segment[], string][])('refuses %s, naming its path', (_case, kind, name, segments, misspelled) => {
    const object = copyOf(kind, name);
    if (at(object, segments.slice(0, -1))[segments.at(-1)!] === undefined) at(object, segments.slice(0, -1))[segments.at(-1)!] = 2;
    rename(object, segments, misspelled);
    const path = format([...segments.slice(0, -1), misspelled]);
    expect(unknownFields(object)).toEqual([path]);
    expect(() => validateManifest(object)).toThrow(`${kind} ${name}: fields the Kubernetes API does not know: ${path}`);
  });

  it('refuses any field of any rendered object renamed with a letter doubled, and only that field', () => {
    // apiVersion and kind choose the schema: misspelled, the object is refused as a kind the folder does not hold.
    const fields = objects.flatMap((object) =>
      fieldsOf(object)
        .filter((segments) => segments.length > 1 || !['apiVersion', 'kind'].includes(String(segments[0])))
        .map((segments) => ({ object, segments })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.nat(), ({ object, segments }, letter) => {
        const key = String(segments.at(-1));
        const index = letter % key.length;
        const misspelled = key.slice(0, index + 1) + key.slice(index);
        const changed = rename(structuredClone(object), segments, misspelled);
        expect(unknownFields(changed)).toEqual([format([...segments.slice(0, -1), misspelled])]);
      }),
    );
  });

  it('accepts any key in the maps whose keys the user names: labels, annotations, selectors, resources, data', () => {
    const deployment = copyOf('Deployment', 'agora-token-service');
    const template = deployment.spec!.template as RenderedObject;
    Object.assign(template.metadata.labels!, { 'team.example.com/owner': 'payments' });
    Object.assign(template.metadata.annotations!, { 'example.com/anything': 'x' });
    const configMap = copyOf('ConfigMap', 'agora-token-service-projects');
    Object.assign(configMap.data as object, { 'other.json': '[]' });
    const service = copyOf('Service', 'agora-token-service');
    Object.assign(service.spec!.selector as object, { tier: 'web' });
    for (const object of [deployment, configMap, service]) expect(unknownFields(object)).toEqual([]);
  });
});
