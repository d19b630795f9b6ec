import type { ByteReader } from './byte-reader.js';

/** The services an Agora token can hold, by agora-token's names (AccessToken2.kServices). */
export type ServiceKind = 'rtc' | 'rtm' | 'streaming' | 'fpa' | 'chat' | 'fcdn' | 'apaas' | 'rtm2' | 'convoai' | 'stt';

/** One service of a token as read from it; privilege values are what the token stores (see DecodedToken). */
export interface DecodedService {
  kind: ServiceKind;
  channel?: string;
  /** The uid (as digits) or account, or user id; '' for "any uid" (uid 0) or an app-wide service. */
  user?: string;
  /** Flexible Classroom (apaas): the room uuid ('' when the token is not for a room) and the role in it. */
  room?: string;
  role?: number;
  /** Signaling 2 permissions (rtm2): per resource type, the resources it may read and write. */
  permissions?: Partial<Record<Rtm2Resource, { read?: string[]; write?: string[] }>>;
  privileges: Map<number, number>;
}

export type Rtm2Resource = 'messageChannels' | 'streamChannels' | 'groupChannels' | 'serverGroups' | 'users';
const RTM2_RESOURCES: readonly Rtm2Resource[] = ['messageChannels', 'streamChannels', 'groupChannels', 'serverGroups', 'users'];
const RTM2_ACCESS = ['read', 'write'] as const;

interface ServiceFormat {
  kind: ServiceKind;
  /** Privilege ids by name, as agora-token's Service classes number them. */
  privileges: Record<number, string>;
  /** Reads the fields the service stores after its privileges. */
  fields(reader: ByteReader, service: DecodedService): void;
}

const RTC_PRIVILEGES = { 1: 'joinChannel', 2: 'publishAudio', 3: 'publishVideo', 4: 'publishData' };
const LOGIN = { 1: 'login' };
const none = (): void => undefined;
const channelAndUser = (reader: ByteReader, service: DecodedService): void => {
  service.channel = reader.string();
  service.user = reader.string();
};
const userOnly = (reader: ByteReader, service: DecodedService): void => {
  service.user = reader.string();
};

/** The AccessToken2 service types (agora-token 2.0.6, src/AccessToken2.js), by type number. */
export const SERVICE_FORMATS: ReadonlyMap<number, ServiceFormat> = new Map<number, ServiceFormat>([
  [1, { kind: 'rtc', privileges: RTC_PRIVILEGES, fields: channelAndUser }],
  [2, { kind: 'rtm', privileges: LOGIN, fields: userOnly }],
  [3, { kind: 'streaming', privileges: { 1: 'publishMixStream', 2: 'publishRawStream' }, fields: channelAndUser }],
  [4, { kind: 'fpa', privileges: LOGIN, fields: none }],
  [5, { kind: 'chat', privileges: { 1: 'user', 2: 'app' }, fields: userOnly }],
  [6, { kind: 'fcdn', privileges: { 1: 'publish', 2: 'play' }, fields: channelAndUser }],
  [7, { kind: 'apaas', privileges: { 1: 'roomUser', 2: 'user', 3: 'app' }, fields: apaasFields }],
  [8, { kind: 'rtm2', privileges: LOGIN, fields: rtm2Fields }],
  [9, { kind: 'convoai', privileges: {}, fields: none }],
  [10, { kind: 'stt', privileges: {}, fields: none }],
]);

function apaasFields(reader: ByteReader, service: DecodedService): void {
  service.room = reader.string();
  service.user = reader.string();
  // Signed: the builder stores -1 for "no role" (its user and app tokens).
  service.role = reader.int16();
}

function rtm2Fields(reader: ByteReader, service: DecodedService): void {
  service.user = reader.string();
  const permissions: NonNullable<DecodedService['permissions']> = {};
  for (let types = reader.uint16(); types > 0; types--) {
    const resource = RTM2_RESOURCES[reader.uint16()];
    const lists: { read?: string[]; write?: string[] } = {};
    for (let accesses = reader.uint16(); accesses > 0; accesses--) {
      const access = RTM2_ACCESS[reader.uint16()];
      const names: string[] = [];
      for (let count = reader.uint16(); count > 0; count--) names.push(reader.string());
      if (access) lists[access] = names;
    }
    if (resource) permissions[resource] = lists;
  }
  service.permissions = permissions;
}

/** A privilege's name in this service, or `privilege<id>` for one agora-token does not name. */
export function privilegeName(format: ServiceFormat | undefined, id: number): string {
  return format?.privileges[id] ?? `privilege${id}`;
}
