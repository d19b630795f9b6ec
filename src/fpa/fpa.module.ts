import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module.js';
import { FpaController } from './fpa.controller.js';

/** Serves its token kind (see fpa-token.kind.ts) through the TokenIssuer. */
@Module({
  imports: [TokensModule],
  controllers: [FpaController],
})
export class FpaModule {}
