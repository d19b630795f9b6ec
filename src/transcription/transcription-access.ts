import type { AgoraService } from '../agora-services/agora-service.js';

/**
 * Real-time transcription's policy: API keys name it `transcription` in their `kinds`; end users (JWT) only when their
 * JWT_SERVICES_CLAIM names `transcription`, and then only channels their channels claim allows. A transcription bills
 * the project for as long as it runs, so no sign-in alone may start one.
 */
export const TRANSCRIPTION: AgoraService = {
  policyKind: 'transcription',
  endUserService: 'transcription',
  noun: 'transcription',
  label: 'Real-time transcription',
};
