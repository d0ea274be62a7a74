// A local HTTP proxy that forwards to the coordinator but drops COOP and COEP, so a page served
// through it is not cross-origin isolated: how a browser without isolation (no WASM threads) sees it.
import { createServer, request, type Server } from 'node:http';

const ISOLATION_HEADERS = ['cross-origin-opener-policy', 'cross-origin-embedder-policy'];

export function startHeaderStrippingProxy(target: string, port: number): Promise<Server> {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const forwarded = request({ host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      const headers = { ...answer.headers };
      for (const name of ISOLATION_HEADERS) delete headers[name];
      outgoing.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
