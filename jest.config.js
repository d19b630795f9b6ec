// Jest runs the TypeScript sources as ES modules (Nest 12 is ESM-only), with
// the same @nestjs/swagger plugin as `nest build`, so the OpenAPI document
// under test is the one production serves.
const swaggerPlugin = {
  path: '<rootDir>/test/swagger-plugin.transformer.cjs',
  options: { introspectComments: true, esmCompatible: true },
};

// ESM-only packages that CommonJS dependencies require(): Node 20 loads them
// natively, Jest's module registry does not, so Jest compiles them to CommonJS
// when they are require()d (see the transformer).
// (light-my-request, behind app.inject(), needs cookie; @fastify/static, behind
// Swagger UI, needs content-disposition.)
const esmOnly = ['cookie', 'content-disposition'].join('|');

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        useESM: true,
        tsconfig: 'tsconfig.spec.json',
        astTransformers: { before: [swaggerPlugin] },
      },
    ],
    [`/node_modules/(${esmOnly})/.+\\.js$`]: '<rootDir>/test/esm-for-require.transformer.cjs',
  },
  // Skip node_modules except those packages, wherever npm nested them.
  transformIgnorePatterns: [`/node_modules/(?!(.+/node_modules/)?(${esmOnly})/)`],
  testTimeout: 20000,
  // Jest's default on 2 cores is one worker: most specs wait on sockets and child processes, not on the CPU,
  // so two workers halve CI's wall time (measured: 949 s of tests with one, about 450 s with two).
  maxWorkers: 2,
};
