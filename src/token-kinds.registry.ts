import type { Type } from '@nestjs/common';
import { AgentsModule } from './agents/agents.module.js';
import { CONVOAI_TOKEN, STT_TOKEN } from './agents/agent-token.kinds.js';
import type { KindPolicy } from './auth/authorization/kind-policy.js';
import { CHAT_APP_TOKEN, CHAT_USER_TOKEN } from './chat/chat-token.kinds.js';
import { ChatModule } from './chat/chat.module.js';
import { CLASSROOM_APP_TOKEN, CLASSROOM_ROOM_USER_TOKEN, CLASSROOM_USER_TOKEN } from './classroom/classroom-token.kinds.js';
import { ClassroomModule } from './classroom/classroom.module.js';
import { FpaModule } from './fpa/fpa.module.js';
import { FPA_TOKEN } from './fpa/fpa-token.kind.js';
import { RtcModule } from './rtc/rtc.module.js';
import { RTC_TOKEN } from './rtc/rtc-token.kind.js';
import { RtcRtmModule } from './rtc-rtm/rtc-rtm.module.js';
import { RTC_RTM_TOKEN } from './rtc-rtm/rtc-rtm-token.kind.js';
import { RtmModule } from './rtm/rtm.module.js';
import { RTM_TOKEN } from './rtm/rtm-token.kind.js';

/** A token kind (a TokenKind, seen without its types), and the module that serves its routes. */
export interface RegisteredKind {
  readonly kind: KindPolicy & { readonly request: Type<object> };
  readonly module: Type<unknown>;
}

/**
 * Every token kind the service issues, one line each. Adding a kind: its
 * folder (`src/<kind>/`: DTOs, `<kind>-token.kind.ts`, controller, module)
 * and one line here. AppModule imports the modules listed; the kinds are what
 * the TokenIssuer is given by their controllers.
 */
export const TOKEN_KINDS: readonly RegisteredKind[] = [
  { kind: RTC_TOKEN, module: RtcModule },
  { kind: RTM_TOKEN, module: RtmModule },
  { kind: CHAT_USER_TOKEN, module: ChatModule },
  { kind: CHAT_APP_TOKEN, module: ChatModule },
  { kind: FPA_TOKEN, module: FpaModule },
  { kind: CLASSROOM_ROOM_USER_TOKEN, module: ClassroomModule },
  { kind: CLASSROOM_USER_TOKEN, module: ClassroomModule },
  { kind: CLASSROOM_APP_TOKEN, module: ClassroomModule },
  { kind: RTC_RTM_TOKEN, module: RtcRtmModule },
  { kind: CONVOAI_TOKEN, module: AgentsModule },
  { kind: STT_TOKEN, module: AgentsModule },
];

/** The modules serving the registered kinds, each once. */
export const TOKEN_KIND_MODULES: Type<unknown>[] = [...new Set(TOKEN_KINDS.map(({ module }) => module))];
