// Loaded with `node --import` before the service: writes, at exit, every module the process loaded, one URL or
// path a line, to MODULE_PROBE_FILE: those imported as ES modules (seen by a resolve hook) and those required as
// CommonJS (the require cache). Plain JavaScript, as Node loads it before anything is compiled.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.MODULE_PROBE_FILE;
register('./module-probe.hooks.mjs', import.meta.url, { data: { file } });
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(file, Object.keys(require.cache).map((path) => `${path}\n`).join('')));
