import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { projectOf } from '../logging/request-record.js';
import { headersOf } from './problem-headers.js';
import { ProblemException } from './problem.exception.js';
import { PROBLEM_CACHE_CONTROL, PROBLEM_CONTENT_TYPE } from './problem.types.js';
import { toProblem } from './to-problem.js';

/**
 * The one place errors become responses: every exception, Nest's or
 * Fastify's, is answered as `application/problem+json` through the HTTP
 * adapter, with the headers the error carries (see withHeaders).
 * Registered as APP_FILTER so test modules get it too.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const response = http.getResponse();
    const path = String(httpAdapter.getRequestUrl(request) ?? '').split('?')[0];
    const problem = toProblem(exception, path, request.id, projectOf(request));
    // A ProblemException's 5xx (an upstream failure) is an answer worded where it was raised, and logged there.
    if (problem.status >= 500 && problem.status !== 503 && !(exception instanceof ProblemException)) {
      // The stack goes to the log (with the request id), never to the caller.
      request.log.error({ err: exception }, `Unhandled error on ${path}`);
    }
    for (const [name, value] of Object.entries(headersOf(exception))) httpAdapter.setHeader(response, name, value);
    httpAdapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    httpAdapter.setHeader(response, 'Cache-Control', PROBLEM_CACHE_CONTROL);
    httpAdapter.reply(response, problem, problem.status);
  }
}
