import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig } from './app.config.js';

/**
 * Loads `.env` (when present; real environment variables win) and registers
 * the app-wide namespace. Each feature registers its own namespace beside its
 * code (ConfigModule.forFeature in its module); each validates its own
 * variables, so a malformed value stops start-up with a message naming it.
 */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      ignoreEnvFile: process.env.NODE_ENV === 'test',
      load: [appConfig],
    }),
  ],
})
export class AppConfigModule {}
