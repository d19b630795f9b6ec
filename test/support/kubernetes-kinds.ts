import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';

/**
 * The kinds deploy/kubernetes may hold, by `<apiVersion> <kind>`, each with its kubernetes-models type: generated
 * from the Kubernetes OpenAPI schema, so its properties are the fields the API server knows. Types only: the
 * unknown-field check (kubernetes-unknown-fields.ts) reads this file with the TypeScript compiler.
 */
export interface ManifestKinds {
  'apps/v1 Deployment': IDeployment;
  'v1 Service': IService;
  'autoscaling/v2 HorizontalPodAutoscaler': IHorizontalPodAutoscaler;
  'policy/v1 PodDisruptionBudget': IPodDisruptionBudget;
  'v1 ConfigMap': IConfigMap;
  'v1 Secret': ISecret;
}
