import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CallerGate } from './caller-gate.service.js';
import { IS_PUBLIC } from './public.decorator.js';

/**
 * The global guard (APP_GUARD): every route that is not `@Public()` needs a
 * caller and counts against that caller's rate limit (see CallerGate).
 * Authorization of the token itself happens in the token services, where
 * /v1 and the compatibility routes meet.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly gate: CallerGate,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    await this.gate.admit(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
    return true;
  }
}
