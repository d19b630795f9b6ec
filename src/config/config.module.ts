import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { agoraConfig } from './agora.config.js';
import { appConfig } from './app.config.js';
import { compatConfig } from './compat.config.js';
import { operationsConfig } from './operations.config.js';
import { tokenConfig } from './token.config.js';

/**
 * Loads `.env` (when present; real environment variables win) and registers
 * the typed namespaces. Each namespace validates its own variables, so a
 * malformed value stops start-up with a message naming it.
 */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      ignoreEnvFile: process.env.NODE_ENV === 'test',
      load: [appConfig, agoraConfig, tokenConfig, compatConfig, operationsConfig],
    }),
  ],
})
export class AppConfigModule {}
