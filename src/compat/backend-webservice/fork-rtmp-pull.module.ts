import { Module } from '@nestjs/common';
import { MediaPullModule } from '../../media-pull/media-pull.module.js';
import { ForkRtmpPullController } from './fork-rtmp-pull.controller.js';
import { ForkRtmpPullMapper } from './fork-rtmp-pull.mapper.js';

/** The Go fork's `/rtmp/pull/*` routes on the /v1 media pull service (part of CompatModule: off with LEGACY_ROUTES=false). */
@Module({
  imports: [MediaPullModule],
  controllers: [ForkRtmpPullController],
  providers: [ForkRtmpPullMapper],
})
export class ForkRtmpPullModule {}
