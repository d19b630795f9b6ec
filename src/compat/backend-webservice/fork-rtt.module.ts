import { Module } from '@nestjs/common';
import { TranscriptionModule } from '../../transcription/transcription.module.js';
import { ForkRttController } from './fork-rtt.controller.js';
import { ForkRttMapper } from './fork-rtt.mapper.js';

/** The Go fork's `/rtt/*` routes on the /v1 transcription service: a module of their own, so CompatModule gains one import. */
@Module({
  imports: [TranscriptionModule],
  controllers: [ForkRttController],
  providers: [ForkRttMapper],
})
export class ForkRttModule {}
