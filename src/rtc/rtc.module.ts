import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module.js';
import { RtcController } from './rtc.controller.js';

/** Serves its token kinds (see rtc-token.kind.ts) through the TokenIssuer. */
@Module({
  imports: [TokensModule],
  controllers: [RtcController],
})
export class RtcModule {}
