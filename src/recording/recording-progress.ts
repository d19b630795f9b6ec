/**
 * What Agora says of a recording in a query or stop answer (`serverResponse`), read as Agora sends it in every
 * mode: in `string` file-list mode `fileList` is one playlist name, in `json` mode a list of files; web mode
 * answers `extensionServiceState` as a list of services, each with a `payload` (Agora's older answers spell it
 * `playload`: both are read). Any field may be missing (an asynchronous stop, an individual recording of
 * snapshots); a field of an unexpected type is left out rather than failing a recording that worked.
 */
export interface RecordingProgress {
  /** Agora's status number (0 to 8, or 20); see {@link RECORDING_STATES}. */
  status?: number;
  /** The status's name. */
  state?: RecordingState;
  fileListMode?: 'string' | 'json';
  /** The playlist (`string` mode) or the files (`json` mode). */
  fileList?: string | RecordedFile[];
  /** When recording began, in Unix milliseconds (individual and mix modes). */
  sliceStartTime?: number;
  /** After a stop: `uploaded`, `backuped` (some files on Agora's backup cloud, uploaded later), `stranded` or `unknown`. */
  uploadingStatus?: string;
  /** Web mode: each extension service's state. */
  extensionServiceState?: ExtensionServiceState[];
}

/** A file of a `json` file list. */
export interface RecordedFile {
  fileName: string;
  /** `audio`, `video` or `audio_and_video`. */
  trackType?: string;
  /** The user recorded (`"0"` for a mix of all users). */
  uid?: string;
  mixedAllUser?: boolean;
  isPlayable?: boolean;
  sliceStartTime?: number;
}

/** One web-mode extension service (`web_recorder_service`, `rtmp_publish_service`, `upload_service`). */
export interface ExtensionServiceState {
  serviceName: string;
  payload: {
    /** Web recorder files (Agora spells this key `filename`). */
    fileList?: Array<{ filename: string; sliceStartTime?: number }>;
    onhold?: boolean;
    /** `init`, `inProgress`, `exit`… */
    state?: string;
    uploadingStatus?: string;
    /** RTMP push outputs and their status. */
    outputs?: Array<{ rtmpUrl: string; status?: string }>;
  };
}

/** Agora's recording statuses, by number. */
export const RECORDING_STATES = {
  0: 'notStarted',
  1: 'initialized',
  2: 'starting',
  3: 'partlyReady',
  4: 'ready',
  5: 'recording',
  6: 'stopping',
  7: 'stopped',
  8: 'exited',
  20: 'exitedAbnormally',
} as const;
export type RecordingState = (typeof RECORDING_STATES)[keyof typeof RECORDING_STATES] | 'unknown';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/**
 * A whole number from 0 to `max`, or undefined: the answer's OpenAPI schema promises these bounds, so a value of
 * Agora's outside them is left out (as a field of the wrong type is) rather than answered against the document.
 */
const count =
  (max: number) =>
  (value: unknown): number | undefined =>
    Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= max ? (value as number) : undefined;
/** Agora's status numbers, under the schema's 32-bit maximum. */
const statusNumber = count(2_147_483_647);
/** Unix milliseconds. */
const milliseconds = count(Number.MAX_SAFE_INTEGER);
/** A recorded user's uid as the schema gives it: 1 to 10 digits (Agora sends a string, some answers a number). */
function fileUid(value: unknown): string | undefined {
  const uid = typeof value === 'string' ? value : milliseconds(value) === undefined ? undefined : String(value);
  return uid !== undefined && /^[0-9]{1,10}$/.test(uid) ? uid : undefined;
}
const flag = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

/** Drops the keys whose value is undefined, so answers carry only what Agora said. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** Reads a query or stop answer's `serverResponse` (anything: Agora's shape is not trusted). */
export function readProgress(serverResponse: unknown): RecordingProgress {
  if (!isObject(serverResponse)) return {};
  const status = statusNumber(serverResponse.status);
  const mode = serverResponse.fileListMode;
  return defined({
    status,
    state: status === undefined ? undefined : ((RECORDING_STATES as Record<number, RecordingState>)[status] ?? 'unknown'),
    fileListMode: mode === 'string' || mode === 'json' ? mode : undefined,
    fileList: fileListOf(serverResponse.fileList),
    sliceStartTime: milliseconds(serverResponse.sliceStartTime),
    uploadingStatus: text(serverResponse.uploadingStatus),
    extensionServiceState: Array.isArray(serverResponse.extensionServiceState)
      ? serverResponse.extensionServiceState.filter(isObject).flatMap(extensionState)
      : undefined,
  });
}

function fileListOf(list: unknown): string | RecordedFile[] | undefined {
  if (typeof list === 'string') return list;
  if (!Array.isArray(list)) return undefined;
  return list.filter(isObject).flatMap((file) => {
    const fileName = text(file.fileName) ?? text(file.filename);
    if (fileName === undefined) return [];
    return [
      defined({
        fileName,
        trackType: text(file.trackType),
        uid: fileUid(file.uid),
        mixedAllUser: flag(file.mixedAllUser),
        isPlayable: flag(file.isPlayable),
        sliceStartTime: milliseconds(file.sliceStartTime),
      }),
    ];
  });
}

function extensionState(service: Json): ExtensionServiceState[] {
  const serviceName = text(service.serviceName);
  if (serviceName === undefined) return [];
  const payload = isObject(service.payload) ? service.payload : isObject(service.playload) ? service.playload : {};
  const files = Array.isArray(payload.fileList)
    ? payload.fileList.filter(isObject).flatMap((file) => {
        const filename = text(file.filename) ?? text(file.fileName);
        return filename === undefined ? [] : [defined({ filename, sliceStartTime: milliseconds(file.sliceStartTime) })];
      })
    : undefined;
  const outputs = Array.isArray(payload.outputs)
    ? payload.outputs.filter(isObject).flatMap((output) => {
        const rtmpUrl = text(output.rtmpUrl);
        return rtmpUrl === undefined ? [] : [defined({ rtmpUrl, status: text(output.status) })];
      })
    : undefined;
  return [
    {
      serviceName,
      payload: defined({
        fileList: files,
        onhold: flag(payload.onhold),
        state: text(payload.state),
        uploadingStatus: text(payload.uploadingStatus),
        outputs,
      }),
    },
  ];
}
