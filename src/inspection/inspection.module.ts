import { Module } from '@nestjs/common';
import { AgoraModule } from '../agora/agora.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { InspectionController } from './inspection.controller.js';
import { TokenInspector } from './token-inspector.service.js';

/** `POST /v1/tokens/inspect`: explains a token, checked against the configured projects' certificates. */
@Module({
  imports: [AgoraModule, AuthModule],
  controllers: [InspectionController],
  providers: [TokenInspector],
})
export class InspectionModule {}
