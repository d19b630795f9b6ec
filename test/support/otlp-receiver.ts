import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An attribute as OTLP/JSON writes it. */
interface OtlpKeyValue {
  key: string;
  value: { stringValue?: string; intValue?: number | string; boolValue?: boolean; doubleValue?: number };
}

/** A span as the spec reads it: ids in hex, attributes flattened to plain values. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client. */
  readonly kind: number;
  readonly attributes: Record<string, string | number | boolean>;
  /** OTLP's status code: 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  /** The status's description, when the span has one. */
  readonly statusMessage?: string;
  readonly resource: Record<string, string | number | boolean>;
  /** How many events the span carries. */
  readonly events: number;
}

/** A request the receiver got: its content type and body as sent. */
export interface ReceivedExport {
  readonly contentType?: string;
  readonly body: Buffer;
}

/**
 * A small OTLP/HTTP trace receiver, as a collector would be: POST /v1/traces, answered 200 (or `status`, to play
 * a collector that refuses). Keeps every request as it came (`exports`; `bodies` for the JSON ones, for the
 * secret search) and the spans in the JSON ones.
 */
export class OtlpReceiver {
  readonly exports: ReceivedExport[] = [];
  readonly paths: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** The JSON bodies received, as text. */
  get bodies(): string[] {
    return this.exports.filter(({ contentType }) => contentType === 'application/json').map(({ body }) => body.toString('utf8'));
  }

  static async start({ status = 200 }: { status?: number } = {}): Promise<OtlpReceiver> {
    let receiver: OtlpReceiver | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver!.paths.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
        receiver!.exports.push({ contentType: request.headers['content-type'], body: Buffer.concat(chunks) });
        const json = request.headers['content-type'] === 'application/json';
        // An empty success in the request's own encoding, as a collector answers (protobuf's is an empty body).
        if (status === 200) response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' }).end(json ? '{}' : undefined);
        else response.writeHead(status, { 'content-type': 'text/plain' }).end('refused by the test collector');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new OtlpReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return receiver;
  }

  /** Every span received so far. */
  spans(): ReceivedSpan[] {
    return this.bodies.flatMap((body) => {
      const { resourceSpans = [] } = JSON.parse(body) as { resourceSpans?: ResourceSpans[] };
      return resourceSpans.flatMap(({ resource, scopeSpans = [] }) =>
        scopeSpans.flatMap(({ spans = [] }) =>
          spans.map((span) => ({
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            name: span.name,
            kind: span.kind,
            attributes: flatten(span.attributes),
            statusCode: span.status?.code ?? 0,
            statusMessage: span.status?.message || undefined,
            resource: flatten(resource?.attributes),
            events: span.events?.length ?? 0,
          })),
        ),
      );
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface ResourceSpans {
  resource?: { attributes?: OtlpKeyValue[] };
  scopeSpans?: { spans?: OtlpSpan[] }[];
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpKeyValue[];
  status?: { code?: number; message?: string };
  events?: unknown[];
}

function flatten(attributes: OtlpKeyValue[] = []): Record<string, string | number | boolean> {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [key, value.stringValue ?? value.boolValue ?? value.doubleValue ?? Number(value.intValue)]),
  );
}
