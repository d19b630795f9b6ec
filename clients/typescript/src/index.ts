export { createTokenServiceClient, type Credential, type Problem, type TokenServiceClient, type TokenServiceClientOptions } from './token-service.client.js';
export { OPERATION_ROUTES, type Operations } from './operations.js';
export type { OperationInit, OperationResult } from './operation-init.js';
export type { components, operations, paths } from './schema.js';
