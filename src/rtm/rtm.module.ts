import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module.js';
import { RtmController } from './rtm.controller.js';

/** Serves its token kinds (see rtm-token.kind.ts) through the TokenIssuer. */
@Module({
  imports: [TokensModule],
  controllers: [RtmController],
})
export class RtmModule {}
