// The OTLP receiver the "tracing on" row exports to: accepts POST /v1/traces and throws the spans away, as a
// collector on another host would take them off the service's hands. Counts what it got, for the summary.
import { createServer } from 'node:http';

let exports = 0;
let bytes = 0;
createServer((request, response) => {
  request.on('data', (chunk) => (bytes += chunk.length));
  request.on('end', () => {
    exports++;
    // An empty success in the request's own encoding (protobuf, the default, or JSON), as a collector answers.
    if (request.headers['content-type'] === 'application/json') response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    else response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  });
})
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('message', () => process.send?.({ exports, bytes }));
