import { Post, RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PUBLIC_ROUTE, routeConfigOf } from '../../src/common/http/route-config.js';

/** Where Nest's route decorators keep a path and a method, found by applying one to a probe (the keys are not public API). */
const { PATH_METADATA, METHOD_METADATA } = (() => {
  class Probe {
    handler(): void {}
  }
  const descriptor = Object.getOwnPropertyDescriptor(Probe.prototype, 'handler')!;
  Post('probe-path')(Probe.prototype, 'handler', descriptor);
  const keys = Reflect.getOwnMetadataKeys(descriptor.value as object);
  const keyHolding = (value: unknown) => keys.find((key) => Reflect.getOwnMetadata(key, descriptor.value as object) === value)!;
  return { PATH_METADATA: keyHolding('probe-path'), METHOD_METADATA: keyHolding(RequestMethod.POST) };
})();

/** The methods the service's routes use, by Nest's RequestMethod. */
const METHODS = { [RequestMethod.GET]: 'GET', [RequestMethod.POST]: 'POST', [RequestMethod.PATCH]: 'PATCH', [RequestMethod.DELETE]: 'DELETE' } as const;

export interface AppRoute {
  method: (typeof METHODS)[keyof typeof METHODS];
  /** The path with each `:param` filled with a sample value. */
  url: string;
  /** The route as declared, e.g. `/rtm/:uid`. */
  path: string;
  isPublic: boolean;
}

/**
 * Every route Nest serves, read from the controllers' metadata (so routes
 * left out of the OpenAPI document are listed too), with sample parameters.
 */
export function listRoutes(app: NestFastifyApplication): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = metatype.prototype[name];
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (name === 'constructor' || method === undefined) continue;
        for (const handlerPath of [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat()) {
          const path = routePath(prefix, handlerPath);
          routes.push({
            method: METHODS[method as keyof typeof METHODS] ?? 'GET',
            path,
            url: path.replace(/:(\w+)/g, (_, param: string) => (/uid|chatid/.test(param) ? '42' : param === 'role' ? 'publisher' : param === 'tokenType' ? 'uid' : 'room')),
            isPublic: routeConfigOf(handler)[PUBLIC_ROUTE] === true,
          });
        }
      }
    }
  }
  return routes;
}

/**
 * The path Nest serves for a handler path under a controller prefix: joined with one slash, less one
 * trailing slash. Slashes inside a path stay, so an empty segment (`/rtm//`, see emptySegment) is kept.
 */
function routePath(prefix: string, handlerPath: string): string {
  const path = `/${[prefix, handlerPath].map((part) => part.replace(/^\/+/, '')).filter(Boolean).join('/')}`;
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
