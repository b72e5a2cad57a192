import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny loopback JSON API guarded by a random bearer token: how suites in the vitest worker
 * reach services that must live in the CLI process (the mail sink the target sends to).
 */
export type ControlHandler = (body: Record<string, unknown>) => Promise<unknown>;

export interface RunningControlServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

export async function startControlServer(routes: Record<string, ControlHandler>): Promise<RunningControlServer> {
  const token = randomBytes(24).toString("base64url");
  const expected = Buffer.from(`Bearer ${token}`);
  const server: Server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    const given = Buffer.from(req.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return send(401, { error: "unauthorized" });
    const route = routes[`${req.method} ${new URL(req.url ?? "/", "http://x").pathname}`];
    if (!route) return send(404, { error: "not_found" });
    let raw = "";
    for await (const chunk of req) {
      raw += chunk;
      if (raw.length > MAX_BODY) return send(413, { error: "too_large" });
    }
    let body: Record<string, unknown>;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(400, { error: "invalid_json" });
    }
    try {
      send(200, { result: await route(body) });
    } catch (err) {
      const e = err as { code?: string; message?: string; field?: string };
      send(422, { error: e.code ?? "failed", message: e.message ?? String(err), ...(e.field ? { field: e.field } : {}) });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
