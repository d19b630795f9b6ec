import { Module } from '@nestjs/common';
import { RtcController } from './rtc.controller.js';
import { RtcTokenService } from './rtc-token.service.js';

@Module({
  controllers: [RtcController],
  providers: [RtcTokenService],
  exports: [RtcTokenService],
})
export class RtcModule {}
