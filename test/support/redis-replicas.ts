import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import type { CreateAppOptions } from '../../src/app.factory.js';
import { RedisServer } from './redis-server.js';
import { createTestApp, type Env } from './test-app.js';

/** A real redis-server, a client to look into it, and two instances of the app counting rate limits in it. */
export interface RedisReplicas {
  redis: RedisServer;
  client: Redis;
  replicas: NestFastifyApplication[];
  /** Closes the apps and the client, and stops redis-server (resumed first if a test paused it). */
  close(): Promise<void>;
}

export async function startRedisReplicas(env: Env, options?: CreateAppOptions): Promise<RedisReplicas> {
  const redis = await RedisServer.start();
  const client = new Redis(redis.url);
  const appEnv = { ...env, REDIS_URL: redis.url };
  const replicas = [await createTestApp(appEnv, options), await createTestApp(appEnv, options)];
  return {
    redis,
    client,
    replicas,
    close: async () => {
      redis.resume();
      await Promise.all(replicas.map((app) => app.close()));
      client.disconnect();
      await redis.stop();
    },
  };
}
