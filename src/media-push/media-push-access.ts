import type { AgoraService } from '../agora-services/agora-service.js';

/**
 * Media push's policy: API keys name `media-push` in their `kinds`; end users (JWT) only when their
 * JWT_SERVICES_CLAIM names `media-push`, and then only for channels their channels claim allows. A converter pushes
 * a channel to a CDN and bills the project while it runs, so no sign-in alone may start one.
 */
export const MEDIA_PUSH: AgoraService = { policyKind: 'media-push', endUserService: 'media-push', noun: 'converter', label: 'Media push' };
