import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';

/**
 * Opens a route (or every route of a controller) to anyone, without
 * credentials or rate limit. Every other route needs a caller: the guard
 * denies by default. (/docs and /docs-json are served by Swagger, outside
 * Nest's routing, so no guard runs on them.)
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
