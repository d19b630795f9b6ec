import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { LegacyErrorDto } from './dto/legacy-error.dto.js';
import { LegacyErrorException } from './legacy-error.exception.js';

/** Answers a LegacyErrorException as `{"error": …}`, through the HTTP adapter like the global filter. */
@Catch(LegacyErrorException)
export class LegacyErrorFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: LegacyErrorException, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response = host.switchToHttp().getResponse();
    const body: LegacyErrorDto = { error: exception.message };
    httpAdapter.setHeader(response, 'Content-Type', 'application/json; charset=utf-8');
    httpAdapter.reply(response, body, exception.getStatus());
  }
}
