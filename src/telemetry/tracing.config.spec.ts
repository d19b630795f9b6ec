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

  it('is off with OTEL_TRACES_EXPORTER=none, or a list without otlp; on with a list that names otlp', () => {
    for (const off of ['none', 'NONE', ' none ', 'console', 'zipkin,console']) expect(tracingRequested({ ...ENDPOINT, OTEL_TRACES_EXPORTER: off })).toBe(false);
    for (const on of ['otlp', 'otlp,console', ' console , OTLP ', '']) expect(tracingRequested({ ...ENDPOINT, OTEL_TRACES_EXPORTER: on })).toBe(true);
  });
});

describe('tracingConfig', () => {
  it('defaults to OTLP/HTTP protobuf (the specification default), every trace a caller keeps, batches every 5 s, 10 s an export', () => {
    expect(tracingConfig(ENDPOINT)).toEqual({ protocol: 'http/protobuf', sampler: { name: 'parentbased_always_on', ratio: 1 }, batchDelayMs: 5000, exportTimeoutMs: 10_000 });
  });

  it('takes a protocol (the traces one first), a sampler with its ratio, a batch delay and the shorter of the two export timeouts', () => {
    const env = {
      ...ENDPOINT,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_TRACES_SAMPLER: 'traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_BSP_SCHEDULE_DELAY: '1000',
      OTEL_BSP_EXPORT_TIMEOUT: '4000',
    };
    expect(tracingConfig(env)).toEqual({ protocol: 'http/json', sampler: { name: 'traceidratio', ratio: 0.25 }, batchDelayMs: 1000, exportTimeoutMs: 4000 });
    expect(tracingConfig({ ...ENDPOINT, OTEL_EXPORTER_OTLP_TIMEOUT: '7000' }).exportTimeoutMs).toBe(7000);
    expect(tracingConfig({ ...ENDPOINT, OTEL_EXPORTER_OTLP_TIMEOUT: '7000', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '2000' }).exportTimeoutMs).toBe(2000);
    expect(tracingConfig({ ...ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).protocol).toBe('http/json');
  });

  it('takes any service name without a control character, and any http(s) URL Node reads (underscore hosts too)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 255, unit: 'grapheme' }), (name) => {
        fc.pre(!/\p{Cc}/u.test(name));
        expect(() => tracingConfig({ ...ENDPOINT, OTEL_SERVICE_NAME: name })).not.toThrow();
      }),
    );
    for (const bad of ['tokens\n', 'a\u0007b', 'x'.repeat(256)]) expect(problemsOf({ ...ENDPOINT, OTEL_SERVICE_NAME: bad })).toEqual(['OTEL_SERVICE_NAME must be 1 to 255 characters, none a control character']);
    for (const endpoint of ['http://otel_collector:4318', 'https://user:pass@collector.example/otlp', 'http://[::1]:4318']) {
      expect(() => tracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint })).not.toThrow();
    }
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

  it('refuses gRPC and unknown protocols, a malformed exporter list, bad timeouts and ratios outside 0 to 1 for the ratio samplers', () => {
    expect(problemsOf({ ...ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/xml' })).toEqual([
      'OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (this service does not export over gRPC)',
      'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http/protobuf or http/json (this service does not export over gRPC)',
    ]);
    expect(problemsOf({ ...ENDPOINT, OTEL_TRACES_EXPORTER: 'otlp;console' })).toEqual(['OTEL_TRACES_EXPORTER must be a comma-separated list of exporter names (such as otlp or none)']);
    expect(tracingConfig({ ...ENDPOINT, OTEL_TRACES_EXPORTER: 'otlp, console', OTEL_BSP_SCHEDULE_DELAY: '0' }).batchDelayMs).toBe(0);
    expect(problemsOf({ ...ENDPOINT, OTEL_BSP_EXPORT_TIMEOUT: '0', OTEL_EXPORTER_OTLP_TIMEOUT: '1.5' })).toEqual([
      'OTEL_BSP_EXPORT_TIMEOUT must be between 1 and 3600000',
      'OTEL_EXPORTER_OTLP_TIMEOUT must be an integer',
    ]);
    for (const ratio of ['-0.1', '1.01', 'half']) {
      expect(problemsOf({ ...ENDPOINT, OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: ratio })).toEqual(['OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1']);
      // A sampler that takes no argument does not read it, so a stray one does not stop start-up.
      expect(tracingConfig({ ...ENDPOINT, OTEL_TRACES_SAMPLER: 'parentbased_always_on', OTEL_TRACES_SAMPLER_ARG: ratio }).sampler.name).toBe('parentbased_always_on');
    }
  });
});
