import { Get } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyContextConfig } from 'fastify';

/**
 * Where Nest's decorators keep what they declare, found by applying them to a probe at start-up:
 * the metadata keys are not Nest's public API; the decorators and reflect-metadata are.
 */
function keysWrittenBy(decorator: MethodDecorator): string[] {
  class Probe {
    handler(): void {}
  }
  const descriptor = Object.getOwnPropertyDescriptor(Probe.prototype, 'handler')!;
  decorator(Probe.prototype, 'handler', descriptor);
  return Reflect.getOwnMetadataKeys(descriptor.value as object).map(String);
}

/** The key under which RouteConfig keeps a handler's Fastify route config. */
const [ROUTE_CONFIG_KEY] = keysWrittenBy(RouteConfig({}));
/** Keys a route decorator (Get, Post…) writes: a method holding them is a route handler. */
const ROUTE_KEYS = keysWrittenBy(Get());

type Entries = Readonly<Record<string, unknown>>;

/** Route config entries of the request pipeline (see docs/architecture.md, "One request"). */
/** The route is open: no caller step (set by auth's @Public()). */
export const PUBLIC_ROUTE = 'publicRoute';
/** The handler needs a caller (it takes @CurrentCaller()): a route with both marks stops start-up. */
export const CALLER_REQUIRED = 'callerRequired';

/**
 * Adds entries to the Fastify route config of a handler (or of every route handler of a
 * controller), keeping what other decorators put there. Nest's RouteConfig replaces the
 * whole config, so two decorators using it on one route would lose one's entries: use this
 * one instead, everywhere (applied above a RouteConfig, it keeps that one's entries). The route
 * config is how a route declares what the request pipeline does for it (see app.factory.ts):
 * its request body's DTO, that it is public.
 */
export function WithRouteConfig(entries: Entries): MethodDecorator & ClassDecorator {
  return ((target: object, method?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) return addTo(descriptor.value as object, entries, 'override');
    const controller = target as { name: string; prototype: object };
    for (const handler of routeHandlers(controller.prototype)) addTo(handler, entries, 'default');
    // An inherited handler is its base class's too: marking it would mark that class's routes.
    const inherited = routeHandlers(Object.getPrototypeOf(controller.prototype) as object | null);
    if (inherited.length > 0) throw new Error(`${controller.name}: a controller-wide route config cannot reach inherited routes`);
  }) as MethodDecorator & ClassDecorator;
}

/** The route handlers a prototype holds itself. */
export function routeHandlers(prototype: object | null): object[] {
  if (!prototype || prototype === Object.prototype) return [];
  return Object.getOwnPropertyNames(prototype)
    .map((name) => (prototype as Record<string, unknown>)[name])
    .filter((handler): handler is object => typeof handler === 'function' && ROUTE_KEYS.every((key) => Reflect.hasOwnMetadata(key, handler)));
}

/** A method's own entries win over its controller's, as Nest's handler metadata wins over its class's. */
function addTo(handler: object, entries: Entries, mode: 'override' | 'default'): void {
  const config = (Reflect.getOwnMetadata(ROUTE_CONFIG_KEY, handler) as Entries | undefined) ?? {};
  const descriptor = { value: handler };
  RouteConfig(mode === 'override' ? { ...config, ...entries } : { ...entries, ...config })({}, 'handler', descriptor);
}

/** The route config a handler declared (what Fastify's route options will carry). */
export function routeConfigOf(handler: object): FastifyContextConfig & Entries {
  return (Reflect.getOwnMetadata(ROUTE_CONFIG_KEY, handler) as Entries | undefined) ?? {};
}
