import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { LifecycleHealth } from './lifecycle.health.js';
import { ShutdownState } from './shutdown-state.js';
import { shutdownConfig } from './shutdown.config.js';

/** Shared knowledge of the process's life, and its readiness check: are we going away? (HealthModule imports it.) */
@Module({ imports: [ConfigModule.forFeature(shutdownConfig), TerminusModule], providers: [ShutdownState, LifecycleHealth], exports: [ShutdownState, LifecycleHealth] })
export class LifecycleModule {}
