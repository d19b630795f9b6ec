import type { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { routeConfigOf, routeHandlers } from '../http/route-config.js';
import { REQUEST_BODY } from './body-validation.hook.js';

/** Whether class-validator has rules for this type: a DTO. */
function isDto(type: unknown): type is Type<unknown> {
  return typeof type === 'function' && getMetadataStorage().getTargetValidationMetadatas(type, '', false, false).length > 0;
}

/**
 * Stops start-up for a handler that would read a DTO the request pipeline never validates: the
 * pipeline validates one thing per route, the body its route config names (@RequestBody), so a
 * handler parameter typed as any other DTO (a `@Query()` or `@Param()` object, or a `@Body()` that
 * disagrees with its @RequestBody) would reach the handler unchecked. The types are those
 * TypeScript records for the parameters (`design:paramtypes`, emitDecoratorMetadata).
 */
export function assertDtosAreValidated(app: INestApplicationContext): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const prototype = metatype.prototype as Record<string, object>;
      const handlers = new Set(routeHandlers(prototype));
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (!handlers.has(handler)) continue;
        const body = routeConfigOf(handler)[REQUEST_BODY];
        const types = (Reflect.getMetadata('design:paramtypes', prototype, name) as unknown[] | undefined) ?? [];
        const unchecked = types.filter((type) => isDto(type) && type !== body);
        if (unchecked.length > 0) {
          const names = unchecked.map((type) => (type as Type<unknown>).name).join(', ');
          throw new Error(`${metatype.name}.${name} takes ${names}, which the request pipeline validates only as the route's @RequestBody`);
        }
      }
    }
  }
}
