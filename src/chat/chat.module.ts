import { Module } from '@nestjs/common';
import { ChatController } from './chat.controller.js';
import { ChatTokenService } from './chat-token.service.js';

@Module({
  controllers: [ChatController],
  providers: [ChatTokenService],
  exports: [ChatTokenService],
})
export class ChatModule {}
