import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module.js';
import { ChatController } from './chat.controller.js';

/** Serves its token kinds (see chat-token.kinds.ts) through the TokenIssuer. */
@Module({
  imports: [TokensModule],
  controllers: [ChatController],
})
export class ChatModule {}
