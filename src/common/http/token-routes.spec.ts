import { Body, Controller, Query, UseGuards, UsePipes, ValidationPipe, type CanActivate } from '@nestjs/common';
import type { Caller } from '../../auth/caller.interface.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { Public } from '../../auth/public.decorator.js';
import { CreateChatTokenDto } from '../../chat/dto/create-chat-token.dto.js';
import { TokenEndpoint, tokenEndpointOf, type TokenEndpointOptions, type TokenEndpointRoute } from './token-endpoint.decorator.js';
import { assertServable } from './token-routes.js';

const options: TokenEndpointOptions = {
  summary: 'Test',
  description: 'Test',
  request: CreateChatTokenDto,
  response: Object,
  examples: {},
  bodyRequired: false,
};

class AllowAll implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

/** The route TokenEndpoint recorded for `method` (what serveTokenEndpoints reads from Fastify's route config). */
function routeOf(controller: new () => object, method: string): TokenEndpointRoute {
  return tokenEndpointOf((controller.prototype as Record<string, object>)[method])!;
}

describe('assertServable (token endpoints served straight from Fastify)', () => {
  it('accepts a handler taking (@Body() body, @CurrentCaller() caller)', () => {
    @Controller('ok')
    class Fine {
      @TokenEndpoint('token', options)
      create(@Body() body: CreateChatTokenDto, @CurrentCaller() caller: Caller): unknown {
        return { body, caller };
      }
    }
    const route = routeOf(Fine, 'create');
    expect(route).toEqual({ controller: Fine, method: 'create', request: CreateChatTokenDto });
    expect(() => assertServable(route)).not.toThrow();
  });

  it('stops start-up for an endpoint with guards, pipes or @Public() of its own, which it would skip', () => {
    @Controller('guarded')
    @UseGuards(AllowAll)
    class Guarded {
      @TokenEndpoint('token', options)
      create(@Body() body: CreateChatTokenDto, @CurrentCaller() caller: Caller): unknown {
        return { body, caller };
      }
    }
    class Piped {
      @TokenEndpoint('token', options)
      @UsePipes(new ValidationPipe())
      create(@Body() body: CreateChatTokenDto, @CurrentCaller() caller: Caller): unknown {
        return { body, caller };
      }
    }
    class Open {
      @TokenEndpoint('token', options)
      @Public()
      create(@Body() body: CreateChatTokenDto, @CurrentCaller() caller: Caller): unknown {
        return { body, caller };
      }
    }
    expect(() => assertServable(routeOf(Guarded, 'create'))).toThrow('Token endpoint Guarded.create declares __guards__');
    expect(() => assertServable(routeOf(Piped, 'create'))).toThrow('Token endpoint Piped.create declares __pipes__');
    expect(() => assertServable(routeOf(Open, 'create'))).toThrow('Token endpoint Open.create declares auth:public');
  });

  it('stops start-up for an endpoint taking other parameters, which it would not pass', () => {
    class Query1 {
      @TokenEndpoint('token', options)
      create(@Body() body: CreateChatTokenDto, @CurrentCaller() caller: Caller, @Query('x') x: string): unknown {
        return { body, caller, x };
      }
    }
    class Swapped {
      @TokenEndpoint('token', options)
      create(@CurrentCaller() caller: Caller, @Body() body: CreateChatTokenDto): unknown {
        return { body, caller };
      }
    }
    for (const controller of [Query1, Swapped]) {
      expect(() => assertServable(routeOf(controller, 'create'))).toThrow(
        `Token endpoint ${controller.name}.create must take (@Body() body, @CurrentCaller() caller)`,
      );
    }
  });
});
