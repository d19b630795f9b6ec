/**
 * The import rules of src/ (docs/architecture.md, "Dependencies"), checked by `npm run lint:deps`
 * (part of `npm test`). Features (rtc, rtm, chat, compat, health, metrics, lifecycle) may import
 * auth, agora and common; auth may import agora's types and common; agora and common import no
 * feature and no auth. No cycles between files; test/import-graph.e2e-spec.ts also checks that the
 * top-level folders import one another without a cycle.
 */
// tokens/ (the TokenIssuer) sits above auth and agora like a feature: neither may import it.
// agora-rest/ (the outbound Agora REST client) is imported by features, and imports agora, common and metrics like one.
const FEATURES = '^src/(rtc|rtm|chat|rtc-rtm|agents|fpa|classroom|compat|health|metrics|lifecycle|logging|tokens|inspection|agora-rest|recording|agora-services|transcription|media-push|media-pull|stream-keys)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A cycle between files.', from: { path: '^src/' }, to: { circular: true } },
    {
      name: 'common-imports-no-feature',
      severity: 'error',
      comment: 'common/ is the shared HTTP, validation, problem and logging plumbing: it knows no feature, auth or agora.',
      from: { path: '^src/common/' },
      to: { path: [FEATURES, '^src/auth/', '^src/agora/', '^src/app\\.'] },
    },
    {
      name: 'auth-imports-no-feature',
      severity: 'error',
      comment: 'auth judges callers and grants, never feature DTOs.',
      from: { path: '^src/auth/' },
      to: { path: [FEATURES, '^src/app\\.'] },
    },
    {
      name: 'agora-imports-no-feature',
      severity: 'error',
      comment: 'agora/ (the signer, the grants, the Agora constants) imports no feature, auth or metrics.',
      from: { path: '^src/agora/' },
      to: { path: [FEATURES, '^src/auth/', '^src/app\\.'] },
    },
    {
      name: 'features-import-no-app',
      severity: 'error',
      comment: 'Only main.ts and the app factory put the app together.',
      from: { path: FEATURES },
      to: { path: '^src/app\\.' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
