import { Module } from '@nestjs/common';
import { MediaPushModule } from '../../media-push/media-push.module.js';
import { ForkRtmpPushController } from './fork-rtmp-push.controller.js';
import { ForkRtmpPushMapper } from './fork-rtmp-push.mapper.js';

/** The Go fork's `/rtmp/push/*` routes on the /v1 media push service: a module of their own, so CompatModule gains one import. */
@Module({
  imports: [MediaPushModule],
  controllers: [ForkRtmpPushController],
  providers: [ForkRtmpPushMapper],
})
export class ForkRtmpPushModule {}
