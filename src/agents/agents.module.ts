import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module.js';
import { AgentsController } from './agents.controller.js';

/** Serves the agent token kinds, ConvoAI and STT (see agent-token.kinds.ts), through the TokenIssuer. */
@Module({
  imports: [TokensModule],
  controllers: [AgentsController],
})
export class AgentsModule {}
