import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RawResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/**
 * One client connection speaking HTTP/1.1 by hand, so that a test decides what
 * a client library would hide: when each byte goes out, and that the
 * connection stays open between requests (keep-alive) until the server closes it.
 */
export class RawConnection {
  /** Resolves once the server has closed the connection. */
  readonly closed: Promise<void>;
  private received = '';
  private onData: () => void = () => {};

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      this.received += chunk;
      this.onData();
    });
    // A reset is a close too; what it cost shows in the response that never came.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  write(text: string): void {
    this.socket.write(text);
  }

  /** The next whole response (a 100 Continue included); rejects if the server closes before it. */
  response(): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const take = () => {
        const length = responseLength(this.received);
        if (length === undefined) return false;
        resolve(parse(this.received.slice(0, length)));
        this.received = this.received.slice(length);
        this.onData = () => {};
        return true;
      };
      if (take()) return;
      this.onData = take;
      void this.closed.then(() => take() || reject(new Error(`connection closed after: ${JSON.stringify(this.received)}`)));
    });
  }
}

/** Waits until the server refuses new connections: it has stopped accepting. */
/** Sends `request` on a new connection and reads the answer (the connection is returned to test what follows). */
export async function exchange(port: number, request: string): Promise<RawResponse & { connection: RawConnection }> {
  const connection = await RawConnection.open(port);
  connection.write(request);
  return { ...(await connection.response()), connection };
}

export async function untilRefused(port: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (await refuses(port)) return;
    await sleep(10);
  }
  throw new Error('the server still accepts connections');
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

/** The length of the first whole response in `received` (head, and a Content-Length body), if it is all there. */
function responseLength(received: string): number | undefined {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const length = /\r\ncontent-length: *(\d+)/i.exec(received.slice(0, end));
  const total = end + 4 + Number(length?.[1] ?? 0);
  return received.length >= total ? total : undefined;
}

function parse(message: string): RawResponse {
  const end = message.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = message.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.slice(9, 12)), headers, body: message.slice(end + 4) };
}
