import { Module } from '@nestjs/common';
import { RtmController } from './rtm.controller.js';
import { RtmTokenService } from './rtm-token.service.js';

@Module({
  controllers: [RtmController],
  providers: [RtmTokenService],
  exports: [RtmTokenService],
})
export class RtmModule {}
