import fc from 'fast-check';
import { ConfigValidationError } from '../config/env-validation.js';
import { tracingConfig } from './tracing.config.js';
import { tracingRequested } from './tracing-switch.js';

const ENDPOINT = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    tracingConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems;
  }
  throw new Error('the configuration loaded');
}

describe('tracingRequested', () => {
  it('is on when either OTLP endpoint is set, unless OTEL_SDK_DISABLED is true in any case', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toBe(false);
    expect(tracingRequested({ OTEL_SERVICE_NAME: 'tokens' })).toBe(false);
    expect(tracingRequested(ENDPOINT)).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    for (const disabled of ['true', 'TRUE', ' True ']) expect(tracingRequested({ ...ENDPOINT, OTEL_SDK_DISABLED: disabled })).toBe(false);
    expect(tracingRequested({ ...ENDPOINT, OTEL_SDK_DISABLED: 'false' })).toBe(true);
  });
});

describe('tracingConfig', () => {
  it('defaults to the service name agora-token-service, every trace a caller keeps, batches every 5 s', () => {
    expect(tracingConfig(ENDPOINT)).toEqual({ serviceName: 'agora-token-service', sampler: { name: 'parentbased_always_on', ratio: 1 }, batchDelayMs: 5000 });
  });

  it('takes a service name, a sampler with its ratio and a batch delay', () => {
    const env = { ...ENDPOINT, OTEL_SERVICE_NAME: 'tokens-eu', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25', OTEL_BSP_SCHEDULE_DELAY: '1000' };
    expect(tracingConfig(env)).toEqual({ serviceName: 'tokens-eu', sampler: { name: 'parentbased_traceidratio', ratio: 0.25 }, batchDelayMs: 1000 });
  });

  it('refuses any endpoint that is not an http(s) URL, naming the variable, never the value', () => {
    fc.assert(
      fc.property(fc.constantFrom('OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'), fc.stringMatching(/^[a-z0-9:/.@-]{1,40}$/), (name, value) => {
        fc.pre(!/^https?:\/\//.test(value));
        const problems = problemsOf({ [name]: value });
        expect(problems).toEqual([`${name} must be an http(s) URL`]);
      }),
    );
  });

  it('refuses protobuf and gRPC, which this exporter does not speak, and ratios outside 0 to 1', () => {
    expect(problemsOf({ ...ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' })).toEqual([
      'OTEL_EXPORTER_OTLP_PROTOCOL must be http/json (the only protocol this service exports)',
      'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http/json (the only protocol this service exports)',
    ]);
    for (const ratio of ['-0.1', '1.01', 'half']) expect(problemsOf({ ...ENDPOINT, OTEL_TRACES_SAMPLER_ARG: ratio })).toEqual(['OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1']);
  });
});
