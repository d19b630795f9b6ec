import { defaultResource, detectResources, resourceAttributesEnvDetector, resourceFromAttributes, serviceNameEnvDetector, type Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * What every span says of its process: the SDK's `telemetry.sdk.*`, then OTEL_RESOURCE_ATTRIBUTES, then
 * OTEL_SERVICE_NAME, each winning over the one before (as the specification orders them). `service.name` is
 * `agora-token-service` unless one of the two variables names it.
 */
export function traceResource(): Resource {
  return defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'agora-token-service' }))
    .merge(detectResources({ detectors: [resourceAttributesEnvDetector, serviceNameEnvDetector] }));
}
