import { Global, Module } from '@nestjs/common';
import { ShutdownState } from './shutdown-state.js';

/** Shared knowledge of the process's life: readiness asks it whether we are going away. */
@Global()
@Module({ providers: [ShutdownState], exports: [ShutdownState] })
export class LifecycleModule {}
