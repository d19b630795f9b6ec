import { Controller, Get, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { routeConfigOf, WithRouteConfig } from './route-config.js';

describe('WithRouteConfig', () => {
  it('adds to the config set by RouteConfig below it, and by another WithRouteConfig in either order', () => {
    class Routes {
      @Post('a')
      @WithRouteConfig({ added: 2 })
      @RouteConfig({ kept: 1 })
      overRouteConfig(): void {}

      @Post('b')
      @WithRouteConfig({ first: 1 })
      @WithRouteConfig({ second: 2 })
      twice(): void {}
    }
    expect(routeConfigOf(Routes.prototype.overRouteConfig)).toEqual({ kept: 1, added: 2 });
    expect(routeConfigOf(Routes.prototype.twice)).toEqual({ first: 1, second: 2 });
  });

  it('on a controller, marks each of its route handlers and nothing else', () => {
    @Controller('c')
    @WithRouteConfig({ open: true })
    class Routes {
      @Get('one')
      one(): void {}

      @Post('two')
      @WithRouteConfig({ other: 'x' })
      two(): void {}

      helper(): void {}
    }
    expect(routeConfigOf(Routes.prototype.one)).toEqual({ open: true });
    expect(routeConfigOf(Routes.prototype.two)).toEqual({ other: 'x', open: true });
    expect(routeConfigOf(Routes.prototype.helper)).toEqual({});
  });

  it("lets a route's own entry win over its controller's", () => {
    @WithRouteConfig({ mode: 'controller' })
    class Routes {
      @Get('own')
      @WithRouteConfig({ mode: 'route' })
      own(): void {}
    }
    expect(routeConfigOf(Routes.prototype.own)).toEqual({ mode: 'route' });
  });

  it('refuses a controller-wide entry that could not reach inherited routes', () => {
    class Base {
      @Get('inherited')
      inherited(): void {}
    }
    expect(() => {
      @WithRouteConfig({ open: true })
      class Derived extends Base {
        @Get('own')
        own(): void {}
      }
      return Derived;
    }).toThrow('Derived: a controller-wide route config cannot reach inherited routes');
    expect(routeConfigOf(Base.prototype.inherited)).toEqual({});
  });
});
