import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './spawn-service.js';

/**
 * A real redis-server (the Debian package) on a free 127.0.0.1 port, with no
 * persistence, started and stopped by the test that owns it.
 */
export class RedisServer {
  private constructor(
    private process: ChildProcess | undefined,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(port?: number): Promise<RedisServer> {
    const server = new RedisServer(undefined, port ?? (await freePort()));
    await server.restart();
    return server;
  }

  /** Starts redis-server on this port again (after {@link stop}). */
  async restart(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          child.stdout!.off('data', onData);
          child.stdout!.resume();
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.once('error', (error) => reject(new Error(`redis-server did not start (is it installed?): ${error.message}`)));
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
  }

  /** Freezes redis-server (SIGSTOP): its connections stay open and nothing is answered, as when a server hangs. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  /** Lets a {@link pause}d redis-server run again (SIGCONT): it answers what it was sent meanwhile. */
  resume(): void {
    this.process?.kill('SIGCONT');
  }

  /** Stops this redis-server process (paused or not) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      // A stopped process only handles SIGTERM once it runs again.
      child.kill('SIGCONT');
      child.kill('SIGTERM');
    });
  }
}
