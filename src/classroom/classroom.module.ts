import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module.js';
import { ClassroomController } from './classroom.controller.js';

/** Serves its token kinds (see classroom-token.kinds.ts) through the TokenIssuer. */
@Module({
  imports: [TokensModule],
  controllers: [ClassroomController],
})
export class ClassroomModule {}
