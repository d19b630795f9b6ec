import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './spawn-service.js';

const NGINX = '/usr/sbin/nginx';
const SHIPPED_CONFIG = resolve('deploy/nginx.conf');

/**
 * deploy/nginx.conf as shipped, with only what the compose network names changed for loopback:
 * `token-service-N:8080` becomes the Nth replica's 127.0.0.1 port, and `listen 80` the given port.
 * Throws if the file no longer has those lines, so the test cannot quietly run another config.
 */
function shippedConfigFor(listenPort: number, replicaPorts: number[]): string {
  let config = readFileSync(SHIPPED_CONFIG, 'utf8');
  const rewrite = (pattern: RegExp, replacement: string) => {
    if (!pattern.test(config)) throw new Error(`deploy/nginx.conf has no ${pattern}`);
    config = config.replace(pattern, replacement);
  };
  rewrite(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${listenPort};`);
  replicaPorts.forEach((port, index) => rewrite(new RegExp(`\\btoken-service-${index + 1}:8080\\b`), `127.0.0.1:${port}`));
  return config;
}

/**
 * Debian's nginx (`nginx-light`) running deploy/nginx.conf in the foreground, as a child of the test:
 * a minimal main config (pid, logs, temp paths in a temp prefix) includes the rewritten server config,
 * as the official image's nginx.conf includes conf.d/default.conf.
 */
export class NginxServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly prefix: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(replicaPorts: number[]): Promise<NginxServer> {
    const port = await freePort();
    const prefix = mkdtempSync(join(tmpdir(), 'nginx-'));
    // Run as root, nginx's workers drop to `nobody`: they must be able to reach the temp paths.
    chmodSync(prefix, 0o755);
    writeFileSync(join(prefix, 'default.conf'), shippedConfigFor(port, replicaPorts));
    writeFileSync(
      join(prefix, 'nginx.conf'),
      [
        'worker_processes 1;',
        `pid ${prefix}/nginx.pid;`,
        `error_log ${prefix}/error.log info;`,
        'events { worker_connections 1024; }',
        'http {',
        `  access_log ${prefix}/access.log;`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${prefix}/${kind}_temp;`),
        `  include ${prefix}/default.conf;`,
        '}',
        '',
      ].join('\n'),
    );
    const args = ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'), '-g', 'daemon off;'];
    const child = spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const server = new NginxServer(child, prefix, port);
    await server.untilAnswering(() => stderr);
    return server;
  }

  /** nginx's error log so far (info level: every upstream failure and retry is in it). */
  errorLog(): string {
    return readFileSync(join(this.prefix, 'error.log'), 'utf8');
  }

  /** Stops nginx (fast shutdown) and waits for the master to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((done) => {
      this.child.once('exit', () => done());
      this.child.kill('SIGTERM');
    });
  }

  private async untilAnswering(stderr: () => string): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (this.child.exitCode !== null) throw new Error(`nginx exited with ${this.child.exitCode}: ${stderr()}`);
      const answered = await fetch(`${this.url}/nginx-health`).then((r) => r.ok, () => false);
      if (answered) return;
      await new Promise((tick) => setTimeout(tick, 50));
    }
    throw new Error(`nginx did not answer on ${this.url}: ${stderr()}`);
  }
}
