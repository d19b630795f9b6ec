import agoraToken from 'agora-token';
import { kConvoAIServiceType, kRtcServiceType, kRtmServiceType, kSttServiceType } from 'agora-token/src/AccessToken2.js';
import { contentOf, serviceTypesOf } from '../../test/support/builder-parity.js';
import { decodeToken } from '../../test/support/decode-token.js';
import { ANONYMOUS, testIssuer } from '../../test/support/signer.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import { RtcRole } from '../agora/rtc-role.enum.js';
import { AccessRefused } from '../auth/authorization/access-refused.exception.js';
import type { TokenGrant } from '../agora/token-grant.interface.js';
import type { Caller } from '../auth/caller.interface.js';
import type { RtcRtmTokenResponseDto } from '../rtc-rtm/dto/rtc-rtm-token-response.dto.js';
import type { TokenKind } from '../tokens/token-kind.interface.js';
import { CONVOAI_TOKEN, STT_TOKEN } from './agent-token.kinds.js';
import type { CreateAgentTokenDto } from './dto/create-agent-token.dto.js';

const { ConvoAITokenBuilder, SttTokenBuilder, RtcRole: BuilderRole } = agoraToken;

type AgentKind = TokenKind<CreateAgentTokenDto, readonly TokenGrant[], RtcRtmTokenResponseDto>;

const KINDS: Array<{ kind: AgentKind; builder: typeof ConvoAITokenBuilder; service: number }> = [
  { kind: CONVOAI_TOKEN, builder: ConvoAITokenBuilder, service: kConvoAIServiceType },
  { kind: STT_TOKEN, builder: SttTokenBuilder, service: kSttServiceType },
];

describe.each(KINDS)('$kind.policyKind token', ({ kind, builder, service }) => {
  const { issuer, metrics } = testIssuer({ defaultExpireSeconds: 3600, maxExpireSeconds: 7200 });
  const issue = (body: CreateAgentTokenDto, caller: Caller = ANONYMOUS) => issuer.issue(kind, body, caller);
  const build = (user: string | number, role: number, expire: number, rtmUserId: string | number, rtmExpire: number) =>
    builder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'room', user, role, expire, expire, expire, expire, expire, rtmUserId, rtmExpire);

  it("signs exactly what agora-token's builder signs for a publisher agent: RTC, Signaling, then its own service", () => {
    const issued = issue({ channel: 'room', uid: 1001, expireSeconds: 900, rtmUserId: 'agent-1', rtmExpireSeconds: 600 });

    expect(contentOf(issued.token)).toEqual(contentOf(build(1001, BuilderRole.PUBLISHER, 900, 'agent-1', 600)));
    expect(serviceTypesOf(issued.token)).toEqual([kRtcServiceType, kRtmServiceType, service]);
    const token = decodeToken(issued.token);
    expect(token.rtc).toEqual({
      channel: 'room',
      uid: '1001',
      privileges: { joinChannel: 900, publishAudio: 900, publishVideo: 900, publishData: 900 },
    });
    expect(token.rtm).toEqual({ userId: 'agent-1', privileges: { login: 600 } });
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(issued).toMatchObject({ channel: 'room', uid: 1001, role: 'publisher', rtmUserId: 'agent-1', rtmExpireSeconds: 600 });
  });

  it('makes an agent a publisher by default (it speaks), logging in to Signaling as its RTC user', () => {
    const issued = issue({ channel: 'room', account: 'agent-1' });

    expect(contentOf(issued.token)).toEqual(contentOf(build('agent-1', BuilderRole.PUBLISHER, 3600, 'agent-1', 3600)));
    expect(issued).toMatchObject({ role: 'publisher', account: 'agent-1', rtmUserId: 'agent-1' });
  });

  it('signs a join-only agent for role subscriber, as the builder does for Role.SUBSCRIBER', () => {
    const issued = issue({ channel: 'room', uid: 5, role: RtcRole.Subscriber });

    expect(contentOf(issued.token)).toEqual(contentOf(build(5, BuilderRole.SUBSCRIBER, 3600, '5', 3600)));
    expect(decodeToken(issued.token).rtc?.privileges).toEqual({ joinChannel: 3600 });
  });

  it("does not fall into the builder's `=== 1` trap: a publisher always publishes", () => {
    const issued = issue({ channel: 'room', uid: 5, role: RtcRole.Publisher });
    // The builder compares the role strictly with the number 1: any other spelling signs join only.
    const trapped = build(5, '1' as unknown as number, 3600, '5', 3600);

    expect(decodeToken(trapped).rtc?.privileges).toEqual({ joinChannel: 3600 });
    expect(decodeToken(issued.token).rtc?.privileges).toEqual({ joinChannel: 3600, publishAudio: 3600, publishVideo: 3600, publishData: 3600 });
  });

  it("binds an end user's RTC and Signaling users to their identity, refusing anyone else", () => {
    const alice: Caller = { kind: 'jwt', id: 'alice' };
    const token = decodeToken(issue({ channel: 'room' }, alice).token);
    expect([token.rtc?.uid, token.rtm?.userId]).toEqual(['alice', 'alice']);

    for (const body of [{ channel: 'room', rtmUserId: 'agent-1' }, { channel: 'room', account: 'agent-1' }]) {
      expect(() => issue(body, alice)).toThrow(AccessRefused);
    }
  });

  it('records the kind in the tokens-issued metric', async () => {
    issue({ channel: 'room', uid: 3 });

    expect(await metrics.registry.getSingleMetricAsString('agora_tokens_issued_total')).toContain(`kind="${kind.policyKind}"`);
  });
});
