// npm run bench: the built service against a bare Fastify route and an Express route, each calling
// agora-token, under the same load on this machine, with a reference that adds the service's
// per-request features to the bare route by hand. Not a test: CI does not run it.
// The service also runs with tracing on (exporting every request's trace to a local OTLP sink) next to it.
//   node bench/run.mjs [--record]   (--record also writes bench/RESULTS.json and bench/chart.svg)
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { barChart } from './chart.mjs';
import { load, peakRssMiB, REQUEST, start } from './measure.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const SETTINGS = {
  connections: env('BENCH_CONNECTIONS', 32),
  seconds: env('BENCH_SECONDS', 10),
  warmupSeconds: env('BENCH_WARMUP_SECONDS', 3),
  rounds: env('BENCH_ROUNDS', 3),
};
// Well-formed credentials known only to the benchmark (Agora would reject them; nothing here calls Agora).
const CREDENTIALS = { APP_ID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', APP_CERTIFICATE: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' };

// Production mode, as `npm start` and the image run it: API-key auth (the rate limit is counted on every
// request, set high enough not to refuse the benchmark), info logs (one line per request, to /dev/null).
const API_KEY = randomBytes(32).toString('hex');
const keysFile = join(mkdtempSync(join(tmpdir(), 'bench-keys-')), 'api-keys.json');
writeFileSync(keysFile, JSON.stringify([{ id: 'bench', sha256: createHash('sha256').update(API_KEY).digest('hex') }]));
const SERVICE_ENV = {
  ...CREDENTIALS,
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  AUTH_MODE: 'apikey',
  API_KEYS_FILE: keysFile,
  RATE_LIMIT_PER_MINUTE: '1000000000',
};
const SERVICE_HEADERS = { 'x-api-key': API_KEY };
// The service runs as `npm start` (and the image's CMD) runs it, Node flags included: `node <flags> dist/main.js`.
const [, ...SERVICE_ARGS] = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start.split(' ');

// The "tracing on" row exports its traces (OTLP/HTTP, protobuf by default) to a sink in its own process, on this machine.
const SINK_PORT = 43180 + Math.floor(Math.random() * 1000);
const sink = fork('bench/targets/otlp-sink.mjs', { env: { PORT: String(SINK_PORT) } });
// Also when a measurement fails.
process.on('exit', () => sink.kill());
await new Promise((resolve) => sink.once('message', resolve));
const TRACED_ENV = { ...SERVICE_ENV, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${SINK_PORT}` };

const TARGETS = [
  { key: 'service', label: 'This service (Nest)', command: process.execPath, args: SERVICE_ARGS, env: SERVICE_ENV, headers: SERVICE_HEADERS },
  { key: 'serviceTraced', label: 'Service, tracing on', command: process.execPath, args: SERVICE_ARGS, env: TRACED_ENV, headers: SERVICE_HEADERS },
  { key: 'fastify', label: 'Bare Fastify', command: process.execPath, args: ['bench/targets/fastify-bare.mjs'], env: CREDENTIALS, headers: {} },
  { key: 'express', label: 'Express', command: process.execPath, args: ['bench/targets/express.mjs'], env: CREDENTIALS, headers: {} },
  {
    key: 'fastifyWithFeatures',
    label: 'Fastify + features',
    command: process.execPath,
    args: ['bench/targets/fastify-features.mjs'],
    env: SERVICE_ENV,
    headers: SERVICE_HEADERS,
  },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round1 = (value) => Math.round(value * 10) / 10;

async function measure(target) {
  const running = await start(target);
  try {
    await load(running.url, { ...SETTINGS, seconds: SETTINGS.warmupSeconds, headers: target.headers });
    const result = await load(running.url, { ...SETTINGS, headers: target.headers });
    return { ...result, coldStartMs: running.coldStartMs, peakRssMiB: peakRssMiB(running.pid) };
  } finally {
    await running.stop();
  }
}

const runs = Object.fromEntries(TARGETS.map((target) => [target.key, []]));
for (let round = 1; round <= SETTINGS.rounds; round++) {
  for (const target of TARGETS) {
    const run = await measure(target);
    runs[target.key].push(run);
    console.log(`round ${round} ${target.label.padEnd(20)} ${Math.round(run.requestsPerSecond)} req/s, p99 ${run.latencyP99Ms} ms`);
  }
}

const summary = Object.fromEntries(
  TARGETS.map(({ key, label }) => {
    const all = runs[key];
    return [
      key,
      {
        label,
        requestsPerSecond: Math.round(median(all.map((run) => run.requestsPerSecond))),
        latencyP50Ms: median(all.map((run) => run.latencyP50Ms)),
        latencyP99Ms: median(all.map((run) => run.latencyP99Ms)),
        peakRssMiB: round1(Math.max(...all.map((run) => run.peakRssMiB))),
        coldStartMs: Math.round(median(all.map((run) => run.coldStartMs))),
      },
    ];
  }),
);
const sinkReceived = await new Promise((resolve) => {
  sink.once('message', resolve);
  sink.send('count');
});
// Its IPC channel would keep the benchmark running.
sink.kill();
const { service, serviceTraced, fastify, express, fastifyWithFeatures } = summary;
const ratio = (a, b) => Math.round((a.requestsPerSecond / b.requestsPerSecond) * 1000) / 1000;
const ratios = {
  serviceToFastify: ratio(service, fastify),
  serviceToExpress: ratio(service, express),
  // The share of bare Fastify that the service's per-request features leave, without Nest or the service's code.
  fastifyWithFeaturesToFastify: ratio(fastifyWithFeatures, fastify),
  serviceToFastifyWithFeatures: ratio(service, fastifyWithFeatures),
  // What exporting a trace of every request costs (OTEL_EXPORTER_OTLP_ENDPOINT set; unset is the service row).
  tracingOnToOff: ratio(serviceTraced, service),
};
const targetsMet = {
  atLeast80PercentOfFastify: ratios.serviceToFastify >= 0.8,
  atLeastTwiceExpress: ratios.serviceToExpress >= 2,
  p99AtMost15Ms: service.latencyP99Ms <= 15,
  peakRssUnder150MiB: service.peakRssMiB < 150,
  coldStartUnder1500Ms: service.coldStartMs < 1500,
};

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  settings: {
    ...SETTINGS,
    request: `${REQUEST.method} ${REQUEST.path} ${REQUEST.body}`,
    service: `${SERVICE_ARGS.join(' ')}, NODE_ENV=production AUTH_MODE=apikey (X-API-Key on every request) LOG_LEVEL=info, logs to /dev/null`,
  },
  summary,
  ratios,
  otlpSink: sinkReceived,
  targetsMet,
  runs,
};

console.log('\ntarget                 req/s     p50 ms  p99 ms  peak RSS MiB  cold start ms');
for (const row of Object.values(summary)) {
  console.log(
    `${row.label.padEnd(20)} ${String(row.requestsPerSecond).padStart(8)} ${String(row.latencyP50Ms).padStart(9)} ` +
      `${String(row.latencyP99Ms).padStart(7)} ${String(row.peakRssMiB).padStart(13)} ${String(row.coldStartMs).padStart(14)}`,
  );
}
console.log(
  `\nservice / Fastify: ${(ratios.serviceToFastify * 100).toFixed(1)} %   service / Express: ${ratios.serviceToExpress}x   ` +
    `Fastify + features / Fastify: ${(ratios.fastifyWithFeaturesToFastify * 100).toFixed(1)} %   ` +
    `tracing on / off: ${(ratios.tracingOnToOff * 100).toFixed(1)} % (${sinkReceived.exports} OTLP exports received)`,
);
console.log('targets:', Object.entries(targetsMet).map(([name, met]) => `${name} ${met ? 'yes' : 'NO'}`).join(', '));

const chart = barChart(
  `POST /v1/rtc/token, ${SETTINGS.connections} connections (median of ${SETTINGS.rounds} runs)`,
  Object.values(summary),
  `${results.machine.cpus} × ${results.machine.cpu}, Node ${process.version}. service/Fastify ${(ratios.serviceToFastify * 100).toFixed(0)} %, service/Express ${ratios.serviceToExpress}×`,
);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2) + '\n');
writeFileSync('bench/results/chart.svg', chart);
if (process.argv.includes('--record')) {
  writeFileSync('bench/RESULTS.json', JSON.stringify(results, null, 2) + '\n');
  writeFileSync('bench/chart.svg', chart);
}
console.log('\nwrote bench/results/latest.json and bench/results/chart.svg' + (process.argv.includes('--record') ? ', bench/RESULTS.json and bench/chart.svg' : ''));
