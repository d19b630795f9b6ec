import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ProblemException } from './problem.exception.js';
import { PROBLEM_TYPES, type Problem } from './problem.types.js';
import { ValidationProblemException } from './validation-problem.exception.js';

/** Fastify's own errors (bad JSON, wrong media type, body too large) carry a 4xx statusCode. */
interface FastifyClientError {
  statusCode: number;
  message: string;
}

/**
 * Maps anything thrown while handling a request to a problem body. Only
 * client errors echo a message; anything else becomes a generic 500 so that
 * no stack, internal detail or secret reaches the caller. The request id lets
 * the caller (or support) find the request's log lines.
 */
export function toProblem(exception: unknown, instance: string, requestId?: string, project?: string): Problem {
  const problem = problemOf(exception, instance);
  // The project is named only in a client error: a 5xx says nothing of what was being done.
  const named = project === undefined || problem.status >= 500 ? problem : { ...problem, project };
  return requestId === undefined ? named : { ...named, requestId };
}

function problemOf(exception: unknown, instance: string): Problem {
  if (exception instanceof ValidationProblemException) {
    return {
      type: PROBLEM_TYPES.validation,
      title: 'Bad Request',
      status: HttpStatus.BAD_REQUEST,
      detail: exception.message,
      instance,
      errors: exception.errors,
    };
  }
  if (exception instanceof ProblemException) {
    // Worded where it is raised for the caller to read, so its detail is kept even for a 5xx (an upstream failure).
    const status = exception.getStatus();
    return { ...generic(status, exception.message, instance), type: exception.problemType, detail: exception.message, ...exception.extensions };
  }
  if (exception instanceof HttpException) {
    return generic(exception.getStatus(), detailOf(exception), instance);
  }
  if (isFastifyClientError(exception)) {
    return generic(exception.statusCode, exception.message, instance);
  }
  return generic(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred.', instance);
}

/** Details we word ourselves, whichever layer (Nest or Fastify) raised the error. */
const FIXED_DETAILS: Record<number, string> = {
  413: 'The request body is too large.',
  415: 'Send the request body as application/json.',
  503: 'The service cannot answer right now; try again shortly.',
};

function generic(status: number, detail: string, instance: string): Problem {
  return {
    type: PROBLEM_TYPES.generic,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: FIXED_DETAILS[status] ?? (status >= 500 ? 'An unexpected error occurred.' : detail),
    instance,
  };
}

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return exception.message;
}

function isFastifyClientError(error: unknown): error is FastifyClientError {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode } = error as { statusCode?: unknown };
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}
