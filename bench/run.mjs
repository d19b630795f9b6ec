// npm run bench: the built service against a bare Fastify route and an Express route, each calling
// agora-token, under the same load on this machine, with a reference that adds the service's
// per-request features to the bare route by hand. Not a test: CI does not run it.
// The service also runs with tracing on (exporting every request's trace to a local OTLP sink) next to it.
//   node bench/run.mjs [--record]   (--record also writes bench/RESULTS.json and bench/chart.svg)
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { barChart } from './chart.mjs';
import { load, peakRssMiB, REQUEST, start } from './measure.mjs';
import { apiKeysFile, projectsFile, startJwks, startRedis } from './modes.mjs';

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
const oneKey = apiKeysFile(1);
const SERVICE_ENV = {
  ...CREDENTIALS,
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  AUTH_MODE: 'apikey',
  API_KEYS_FILE: oneKey.file,
  RATE_LIMIT_PER_MINUTE: '1000000000',
};
const SERVICE_HEADERS = { 'x-api-key': oneKey.key };
// The service runs as `npm start` (and the image's CMD) runs it, Node flags included: `node <flags> dist/main.js`.
const [, ...SERVICE_ARGS] = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start.split(' ');

// The "tracing on" row exports its traces (OTLP/HTTP, protobuf by default) to a sink in its own process, on this machine.
const SINK_PORT = 43180 + Math.floor(Math.random() * 1000);
const sink = fork('bench/targets/otlp-sink.mjs', { env: { PORT: String(SINK_PORT) } });
const redis = await startRedis();
const jwks = await startJwks();
// Also when a measurement fails.
process.on('exit', () => {
  sink.kill();
  redis.stop();
});
await new Promise((resolve) => sink.once('message', resolve));
const TRACED_ENV = { ...SERVICE_ENV, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${SINK_PORT}` };
const manyKeys = apiKeysFile(10_000);
const manyProjects = projectsFile(1_000);
const { APP_ID, APP_CERTIFICATE, ...PROJECTLESS_ENV } = SERVICE_ENV;

/** The service in one mode: the production settings above, with `env` changed. */
const serviceIn = (key, label, env, headers = SERVICE_HEADERS, body) => ({
  key,
  label,
  command: process.execPath,
  args: SERVICE_ARGS,
  env: { ...SERVICE_ENV, ...env },
  headers,
  body,
});
const TARGETS = [
  serviceIn('service', 'This service (Nest)', {}),
  serviceIn('serviceRedis', 'Service, Redis limits', { REDIS_URL: redis.url }),
  serviceIn('serviceJwtEs256', 'Service, JWT ES256', jwks.env, { authorization: `Bearer ${jwks.tokens.ES256}` }),
  serviceIn('serviceJwtRs256', 'Service, JWT RS256', jwks.env, { authorization: `Bearer ${jwks.tokens.RS256}` }),
  serviceIn('serviceKeys10k', 'Service, 10,000 keys', { API_KEYS_FILE: manyKeys.file }, { 'x-api-key': manyKeys.key }),
  {
    ...serviceIn('serviceProjects1k', 'Service, 1,000 projects', {}, SERVICE_HEADERS, JSON.stringify({ ...JSON.parse(REQUEST.body), project: manyProjects.name })),
    // The projects file replaces the one-project shortcut (the process refuses both).
    env: { ...PROJECTLESS_ENV, AGORA_PROJECTS_FILE: manyProjects.file },
  },
  serviceIn('serviceTraced', 'Service, tracing on', TRACED_ENV),
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
    const request = { headers: target.headers, body: target.body };
    await load(running.url, { ...SETTINGS, ...request, seconds: SETTINGS.warmupSeconds });
    const result = await load(running.url, { ...SETTINGS, ...request });
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
// Its IPC channel, the JWKS and redis-server would keep the benchmark running.
sink.kill();
jwks.close();
redis.stop();
const { service, serviceRedis, serviceJwtEs256, serviceJwtRs256, serviceKeys10k, serviceProjects1k, serviceTraced, fastify, express, fastifyWithFeatures } =
  summary;
const ratio = (a, b) => Math.round((a.requestsPerSecond / b.requestsPerSecond) * 1000) / 1000;
const ratios = {
  serviceToFastify: ratio(service, fastify),
  // Each production mode against the one-key, in-memory service of the same run.
  redisToMemory: ratio(serviceRedis, service),
  jwtEs256ToApiKey: ratio(serviceJwtEs256, service),
  jwtRs256ToApiKey: ratio(serviceJwtRs256, service),
  keys10kToOneKey: ratio(serviceKeys10k, service),
  projects1kToOneProject: ratio(serviceProjects1k, service),
  serviceToExpress: ratio(service, express),
  // The share of bare Fastify that the service's per-request features leave, without Nest or the service's code.
  fastifyWithFeaturesToFastify: ratio(fastifyWithFeatures, fastify),
  serviceToFastifyWithFeatures: ratio(service, fastifyWithFeatures),
  // What exporting a trace of every request costs (OTEL_EXPORTER_OTLP_ENDPOINT set; unset is the service row).
  tracingOnToOff: ratio(serviceTraced, service),
};
// Performance round two's targets (issue 17).
const targetsMet = {
  atLeast80PercentOfFastify: ratios.serviceToFastify >= 0.8,
  redisAtLeast90PercentOfMemory: ratios.redisToMemory >= 0.9,
  jwtEs256AtLeast90PercentOfApiKey: ratios.jwtEs256ToApiKey >= 0.9,
  jwtRs256AtLeast90PercentOfApiKey: ratios.jwtRs256ToApiKey >= 0.9,
  keys10kAtLeast97PercentOfOneKey: ratios.keys10kToOneKey >= 0.97,
  projects1kAtLeast97PercentOfOneProject: ratios.projects1kToOneProject >= 0.97,
  p99AtMost10Ms: service.latencyP99Ms <= 10,
  peakRssUnder100MiB: service.peakRssMiB < 100,
  coldStartUnder800Ms: service.coldStartMs < 800,
};

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  settings: {
    ...SETTINGS,
    request: `${REQUEST.method} ${REQUEST.path} ${REQUEST.body}`,
    service: `${SERVICE_ARGS.join(' ')}, NODE_ENV=production AUTH_MODE=apikey (X-API-Key on every request) LOG_LEVEL=info, logs to /dev/null`,
    modes:
      'Redis: REDIS_URL at a local redis-server. JWT: AUTH_MODE=jwt, one end user\'s token (ES256 or RS256) on every request, ' +
      'keys from a local JWKS. 10,000 keys: API_KEYS_FILE of 10,000 digests, the last one\'s key sent. 1,000 projects: ' +
      'AGORA_PROJECTS_FILE of 1,000 projects, the last one named in the request.',
  },
  summary,
  ratios,
  otlpSink: sinkReceived,
  targetsMet,
  runs,
};

console.log('\ntarget                       req/s     p50 ms  p99 ms  peak RSS MiB  cold start ms');
for (const row of Object.values(summary)) {
  console.log(
    `${row.label.padEnd(26)} ${String(row.requestsPerSecond).padStart(8)} ${String(row.latencyP50Ms).padStart(9)} ` +
      `${String(row.latencyP99Ms).padStart(7)} ${String(row.peakRssMiB).padStart(13)} ${String(row.coldStartMs).padStart(14)}`,
  );
}
console.log(
  `\nservice / Fastify: ${(ratios.serviceToFastify * 100).toFixed(1)} %   service / Express: ${ratios.serviceToExpress}x   ` +
    `Fastify + features / Fastify: ${(ratios.fastifyWithFeaturesToFastify * 100).toFixed(1)} %   ` +
    `tracing on / off: ${(ratios.tracingOnToOff * 100).toFixed(1)} % (${sinkReceived.exports} OTLP exports received)\n` +
    `against the service: Redis ${(ratios.redisToMemory * 100).toFixed(1)} %, JWT ES256 ${(ratios.jwtEs256ToApiKey * 100).toFixed(1)} %, ` +
    `JWT RS256 ${(ratios.jwtRs256ToApiKey * 100).toFixed(1)} %, 10,000 keys ${(ratios.keys10kToOneKey * 100).toFixed(1)} %, ` +
    `1,000 projects ${(ratios.projects1kToOneProject * 100).toFixed(1)} %`,
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
