import { IsIn, IsOptional, IsUrl, Matches } from 'class-validator';
import { EnvInt, validateEnv } from '../config/env-validation.js';

const ENDPOINT = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type SamplerName = (typeof SAMPLERS)[number];

/** The OpenTelemetry variables the service reads, with the meaning the OpenTelemetry specification gives them. */
class TracingEnv {
  @IsOptional()
  @IsUrl(ENDPOINT, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @IsUrl(ENDPOINT, { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** The exporter speaks OTLP/HTTP with JSON; asking for protobuf or gRPC must not pass silently. */
  @IsOptional()
  @IsIn(['http/json'], { message: 'OTEL_EXPORTER_OTLP_PROTOCOL must be http/json (the only protocol this service exports)' })
  OTEL_EXPORTER_OTLP_PROTOCOL?: string;

  @IsOptional()
  @IsIn(['http/json'], { message: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http/json (the only protocol this service exports)' })
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?: string;

  @IsOptional()
  @Matches(/^[\w.\-/]{1,128}$/, { message: 'OTEL_SERVICE_NAME must be 1 to 128 letters, digits, ".", "-", "_" or "/"' })
  OTEL_SERVICE_NAME = 'agora-token-service';

  @IsOptional()
  @IsIn(SAMPLERS, { message: `OTEL_TRACES_SAMPLER must be one of ${SAMPLERS.join(', ')}` })
  OTEL_TRACES_SAMPLER: SamplerName = 'parentbased_always_on';

  /** The ratio of the *traceidratio samplers. */
  @IsOptional()
  @Matches(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, { message: 'OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1' })
  OTEL_TRACES_SAMPLER_ARG = '1';

  /** How long finished spans wait to be sent in one batch, in milliseconds (the specification's default). */
  @IsOptional()
  @EnvInt(1, 3_600_000)
  OTEL_BSP_SCHEDULE_DELAY = 5000;
}

/** How traces are exported, once tracingRequested said they are. */
export interface TracingConfig {
  /** The `service.name` resource attribute. */
  readonly serviceName: string;
  /** Which traces are kept: OTEL_TRACES_SAMPLER, with OTEL_TRACES_SAMPLER_ARG as the ratio. */
  readonly sampler: { readonly name: SamplerName; readonly ratio: number };
  /** OTEL_BSP_SCHEDULE_DELAY: the batch's delay, in milliseconds. */
  readonly batchDelayMs: number;
}

/**
 * Validates the OpenTelemetry variables; a malformed one stops start-up with a message naming it, never
 * its value (an endpoint may hold credentials). The exporter reads the endpoints and
 * OTEL_EXPORTER_OTLP_HEADERS itself, as the specification defines them; they are checked here first.
 */
export function tracingConfig(env: NodeJS.ProcessEnv = process.env): TracingConfig {
  const parsed = validateEnv(TracingEnv, env);
  return {
    serviceName: parsed.OTEL_SERVICE_NAME,
    sampler: { name: parsed.OTEL_TRACES_SAMPLER, ratio: Number(parsed.OTEL_TRACES_SAMPLER_ARG) },
    batchDelayMs: parsed.OTEL_BSP_SCHEDULE_DELAY,
  };
}
