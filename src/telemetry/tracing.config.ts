import { IsIn, IsOptional, Matches, ValidateBy, ValidateIf } from 'class-validator';
import { EnvInt, validateEnv } from '../config/env-validation.js';

const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type SamplerName = (typeof SAMPLERS)[number];
const PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof PROTOCOLS)[number];
const protocolMessage = (name: string) => `${name} must be http/protobuf or http/json (this service does not export over gRPC)`;

/**
 * Any http(s) URL Node's URL parser reads, as the exporter will read it: `http://otel_collector:4318` included
 * (an underscore is common in compose service names, though not a valid DNS host name).
 */
function IsHttpUrl(name: string): PropertyDecorator {
  return ValidateBy({
    name: 'isHttpUrl',
    validator: {
      validate: (value) => {
        try {
          return ['http:', 'https:'].includes(new URL(String(value)).protocol);
        } catch {
          return false;
        }
      },
      defaultMessage: () => `${name} must be an http(s) URL`,
    },
  });
}

/** The OpenTelemetry variables the service reads, with the meaning the OpenTelemetry specification gives them. */
class TracingEnv {
  @IsOptional()
  @IsHttpUrl('OTEL_EXPORTER_OTLP_ENDPOINT')
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @IsHttpUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** OTLP over HTTP, protobuf (the specification's default) or JSON; gRPC must not pass silently. */
  @IsOptional()
  @IsIn(PROTOCOLS, { message: protocolMessage('OTEL_EXPORTER_OTLP_PROTOCOL') })
  OTEL_EXPORTER_OTLP_PROTOCOL?: OtlpProtocol;

  @IsOptional()
  @IsIn(PROTOCOLS, { message: protocolMessage('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') })
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?: OtlpProtocol;

  /**
   * A comma-separated list of exporter names, as the specification has it (`otlp`, `otlp,console`, `none`):
   * tracingRequested exports when the list names otlp, the only exporter this service has; others are ignored.
   */
  @IsOptional()
  @Matches(/^\s*[a-z_]+\s*(,\s*[a-z_]+\s*)*$/i, { message: 'OTEL_TRACES_EXPORTER must be a comma-separated list of exporter names (such as otlp or none)' })
  OTEL_TRACES_EXPORTER?: string;

  /** Any string, as the specification allows, but no control character (it reaches every trace backend's UI). */
  @IsOptional()
  @Matches(/^[^\p{Cc}]{1,255}$/u, { message: 'OTEL_SERVICE_NAME must be 1 to 255 characters, none a control character' })
  OTEL_SERVICE_NAME?: string;

  @IsOptional()
  @IsIn(SAMPLERS, { message: `OTEL_TRACES_SAMPLER must be one of ${SAMPLERS.join(', ')}` })
  OTEL_TRACES_SAMPLER: SamplerName = 'parentbased_always_on';

  /** The ratio of the *traceidratio samplers: the others take no argument, so it is not read for them. */
  @ValidateIf((env: TracingEnv) => env.OTEL_TRACES_SAMPLER.endsWith('traceidratio'))
  @IsOptional()
  @Matches(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, { message: 'OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1' })
  OTEL_TRACES_SAMPLER_ARG = '1';

  /** How long finished spans wait to be sent in one batch, in milliseconds (the specification's default; 0: at once). */
  @IsOptional()
  @EnvInt(0, 3_600_000)
  OTEL_BSP_SCHEDULE_DELAY = 5000;

  /** How long one batch's export may take, in milliseconds (the specification's default). */
  @IsOptional()
  @EnvInt(1, 3_600_000)
  OTEL_BSP_EXPORT_TIMEOUT = 30_000;

  /** How long the exporter waits for the collector, retries included (the specification's default). */
  @IsOptional()
  @EnvInt(1, 3_600_000)
  OTEL_EXPORTER_OTLP_TIMEOUT = 10_000;

  @IsOptional()
  @EnvInt(1, 3_600_000)
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT?: number;
}

/** How traces are exported, once tracingRequested said they are. */
export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, else the specification's http/protobuf. */
  readonly protocol: OtlpProtocol;
  /** Which traces are kept: OTEL_TRACES_SAMPLER, with OTEL_TRACES_SAMPLER_ARG as the ratio. */
  readonly sampler: { readonly name: SamplerName; readonly ratio: number };
  /** OTEL_BSP_SCHEDULE_DELAY: the batch's delay, in milliseconds. */
  readonly batchDelayMs: number;
  /**
   * How long one export may take, in milliseconds: OTEL_BSP_EXPORT_TIMEOUT, or the exporter's own timeout
   * (OTEL_EXPORTER_OTLP_TRACES_TIMEOUT, else OTEL_EXPORTER_OTLP_TIMEOUT) when shorter. Given to both, so the batch
   * does not give up on an export the exporter still retries, nor the exporter outlive the batch's wait.
   */
  readonly exportTimeoutMs: number;
}

/**
 * Validates the OpenTelemetry variables; a malformed one stops start-up with a message naming it, never its
 * value (an endpoint may hold credentials). The exporter reads the endpoints and OTEL_EXPORTER_OTLP_HEADERS
 * itself, as the specification defines them (the headers are not validated here: the exporter ignores a
 * malformed entry), and the resource reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (tracing.resource.ts).
 */
export function tracingConfig(env: NodeJS.ProcessEnv = process.env): TracingConfig {
  const parsed = validateEnv(TracingEnv, env);
  return {
    protocol: parsed.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? parsed.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    sampler: { name: parsed.OTEL_TRACES_SAMPLER, ratio: Number(parsed.OTEL_TRACES_SAMPLER_ARG) },
    batchDelayMs: parsed.OTEL_BSP_SCHEDULE_DELAY,
    exportTimeoutMs: Math.min(parsed.OTEL_BSP_EXPORT_TIMEOUT, parsed.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? parsed.OTEL_EXPORTER_OTLP_TIMEOUT),
  };
}
