import { TokenRequestDto } from './agora/dto/token-request.dto.js';
import { POLICY_KINDS } from './auth/authorization/kind-policy.js';
import { TOKEN_KIND_MODULES, TOKEN_KINDS } from './token-kinds.registry.js';

describe('the token-kind registry', () => {
  it('lists each kind once, under a policy name API keys can allow or deny', () => {
    const kinds = TOKEN_KINDS.map(({ kind }) => kind);

    expect(new Set(kinds).size).toBe(kinds.length);
    for (const kind of kinds) expect(POLICY_KINDS).toContain(kind.policyKind);
  });

  it('takes every kind’s request with the lifetime rules every token has', () => {
    for (const { kind } of TOKEN_KINDS) expect(kind.request.prototype).toBeInstanceOf(TokenRequestDto);
  });

  it('gives AppModule every serving module, each once', () => {
    for (const { module } of TOKEN_KINDS) expect(TOKEN_KIND_MODULES).toContain(module);
    expect(new Set(TOKEN_KIND_MODULES).size).toBe(TOKEN_KIND_MODULES.length);
    expect(TOKEN_KIND_MODULES.map((module) => module.name)).toEqual(['RtcModule', 'RtmModule', 'ChatModule', 'FpaModule', 'ClassroomModule', 'RtcRtmModule', 'AgentsModule']);
  });
});
