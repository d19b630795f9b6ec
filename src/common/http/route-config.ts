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
    if (descriptor) return addTo(descriptor.value as object, entries);
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler === 'function' && ROUTE_KEYS.every((key) => Reflect.hasOwnMetadata(key, handler))) addTo(handler, entries);
    }
  }) as MethodDecorator & ClassDecorator;
}

function addTo(handler: object, entries: Entries): void {
  const config = (Reflect.getOwnMetadata(ROUTE_CONFIG_KEY, handler) as Entries | undefined) ?? {};
  const descriptor = { value: handler };
  RouteConfig({ ...config, ...entries })({}, 'handler', descriptor);
}

/** The route config a handler declared (what Fastify's route options will carry). */
export function routeConfigOf(handler: object): FastifyContextConfig & Entries {
  return (Reflect.getOwnMetadata(ROUTE_CONFIG_KEY, handler) as Entries | undefined) ?? {};
}
