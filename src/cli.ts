#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runInspect, USAGE } from './inspection/inspect.command.js';

/**
 * The `agora-token-service` command (package.json `bin`). Offline tools that need no running
 * service and no configuration: today `inspect`.
 */
const [command, ...args] = process.argv.slice(2);
const result =
  command === 'inspect'
    ? runInspect(args, () => readFileSync(0, 'utf8'))
    : { code: 2, stderr: `agora-token-service: ${command === undefined ? 'no command given' : 'unknown command (the only one is inspect)'}\n\n${USAGE}\n` };
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.code;
