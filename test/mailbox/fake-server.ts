// A tiny loopback HTTP server for the http/mailpit adapter tests.
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeServer {
  baseUrl: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeServer(
  handle: (url: URL, request: IncomingMessage) => { status?: number; json?: unknown; body?: string; contentType?: string },
): Promise<FakeServer> {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(`${url.pathname}${url.search}`);
    const answer = handle(url, request);
    const body = answer.body ?? JSON.stringify(answer.json ?? null);
    response.writeHead(answer.status ?? 200, { "content-type": answer.contentType ?? "application/json" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
