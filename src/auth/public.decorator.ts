import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiOpenRoute } from '../common/http/api-caller-security.decorator.js';

export const IS_PUBLIC = 'auth:public';

/**
 * Opens a route (or every route of a controller) to anyone, without
 * credentials or rate limit, and documents it so (`security: []`). Every
 * other route needs a caller: the guard denies by default. (/docs and
 * /docs-json are served by Swagger, outside Nest's routing, so no guard runs on them.)
 */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiOpenRoute());
