import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { HealthStatusDto, PongDto } from './dto/health-status.dto.js';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  @Get('health')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Health check',
    description: 'Answers 200 while the process is up with valid configuration (it refuses to start otherwise).',
  })
  @ApiOkResponse({ type: HealthStatusDto })
  health(): HealthStatusDto {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ping')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Ping', description: 'Answers `{"message":"pong"}`, as the community token servers do.' })
  @ApiOkResponse({ type: PongDto })
  ping(): PongDto {
    return { message: 'pong' };
  }
}
