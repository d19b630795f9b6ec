import { Body, UseFilters, UseGuards, UseInterceptors, UsePipes, type CanActivate, type NestInterceptor, type PipeTransform } from '@nestjs/common';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';

/**
 * Where Nest's decorators keep what they declare, found by applying them to a probe at start-up:
 * the metadata keys are not Nest's public API, the decorators and reflect-metadata are.
 */
function keysWrittenBy(decorator: MethodDecorator): string[] {
  class Probe {
    handler(): void {}
  }
  const descriptor = Object.getOwnPropertyDescriptor(Probe.prototype, 'handler')!;
  decorator(Probe.prototype, 'handler', descriptor);
  return Reflect.getOwnMetadataKeys(descriptor.value as object).map(String);
}

const guard: CanActivate = { canActivate: () => true };
const pipe: PipeTransform = { transform: (value: unknown) => value };
const interceptor: NestInterceptor = { intercept: (_context, next) => next.handle() };

/** The keys of per-route guards, pipes, interceptors and exception filters. */
export const ENHANCER_KEYS: readonly string[] = [
  ...keysWrittenBy(UseGuards(guard)),
  ...keysWrittenBy(UsePipes(pipe)),
  ...keysWrittenBy(UseInterceptors(interceptor)),
  ...keysWrittenBy(UseFilters({ catch: () => undefined })),
];

class ArgsProbe {
  handler(@Body() body: unknown, @CurrentCaller() caller: unknown): unknown {
    return { body, caller };
  }
}

/** The parameter metadata of a handler taking `(@Body() body, @CurrentCaller() caller)`, and its key. */
export const BODY_AND_CALLER = (() => {
  const key = Reflect.getOwnMetadataKeys(ArgsProbe, 'handler').map(String).find((name) => !name.startsWith('design:'))!;
  return { key, args: Reflect.getOwnMetadata(key, ArgsProbe, 'handler') as unknown };
})();
