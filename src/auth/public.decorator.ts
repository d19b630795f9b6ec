import { applyDecorators } from '@nestjs/common';
import { ApiOpenRoute } from '../common/http/api-caller-security.decorator.js';
import { PUBLIC_ROUTE, WithRouteConfig } from '../common/http/route-config.js';

/**
 * Opens a route (or every route of a controller) to anyone, without
 * credentials or rate limit, and documents it so (`security: []`). Every
 * other route needs a caller: the caller gate is on by default. /docs and
 * /docs-json are served by Swagger, not by a controller; app.factory.ts opens them.
 */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(WithRouteConfig({ [PUBLIC_ROUTE]: true }), ApiOpenRoute());
