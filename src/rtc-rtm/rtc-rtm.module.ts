import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module.js';
import { RtcRtmController } from './rtc-rtm.controller.js';

/** Serves the RTC + Signaling token kind (see rtc-rtm-token.kind.ts) through the TokenIssuer. */
@Module({
  imports: [TokensModule],
  controllers: [RtcRtmController],
})
export class RtcRtmModule {}
