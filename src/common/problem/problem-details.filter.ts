import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PROBLEM_CONTENT_TYPE } from './problem.types.js';
import { toProblem } from './to-problem.js';

/**
 * The one place errors become responses: every exception, Nest's or
 * Fastify's, is answered as `application/problem+json` through the HTTP
 * adapter. Registered as APP_FILTER so test modules get it too.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const request = http.getRequest();
    const response = http.getResponse();
    const path = String(httpAdapter.getRequestUrl(request) ?? '').split('?')[0];
    const problem = toProblem(exception, path);
    if (problem.status >= 500) {
      // The stack goes to the log, never to the caller.
      this.logger.error(`Unhandled error on ${path}`, exception instanceof Error ? exception.stack : String(exception));
    }
    httpAdapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    httpAdapter.reply(response, problem, problem.status);
  }
}
