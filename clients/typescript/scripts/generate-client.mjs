#!/usr/bin/env node
/**
 * Regenerates the client's generated sources (src/schema.ts, src/operations.ts) from the OpenAPI document of the
 * built service (dist/, so build first: `npm run client:generate` does). Output is stable (sorted, no timestamps),
 * so its diff shows what changed in the API.
 *
 * Usage: node clients/typescript/scripts/generate-client.mjs [outDir]   (default: clients/typescript/src)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { clientDocument, operationsOf, servedDocument } from './client-document.mjs';
import { nameOperations } from './operation-names.mjs';
import { GENERATED_BANNER, renderOperations } from './render-operations.mjs';

const root = new URL('../../../', import.meta.url);
const outDir = process.argv[2] ?? fileURLToPath(new URL('clients/typescript/src/', root));

const document = clientDocument(await servedDocument(new URL('dist/', root)));
// The types exactly as documented: a field with a default is as optional as the document's `required` says.
const schema = astToString(await openapiTS(document, { alphabetize: true, defaultNonNullable: false }));
const operations = renderOperations(nameOperations(operationsOf(document)));

mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/schema.ts`, GENERATED_BANNER + schema);
writeFileSync(`${outDir}/operations.ts`, operations);
console.log(`Generated schema.ts and operations.ts in ${outDir}`);
