import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";

/**
 * A target that misbehaves in one chosen way, to prove the harness ends, never crashes, never
 * follows the target off its origin, and reports what went wrong. Loopback only; every timer
 * and stream is stopped by close().
 */
export type HostileMode =
  | "hang"
  | "drip"
  | "huge"
  | "invalid-json"
  | "html"
  | "redirect-loop"
  | "redirect-other-host"
  | "error-500"
  | "metadata-elsewhere"
  | "static";

export interface HostileTarget {
  url: string;
  /** Requests that reached the "other host" (127.0.0.2): must stay 0. */
  otherHostRequests(): number;
  requests(): number;
  close(): Promise<void>;
}

const HUGE_BYTES = 50 * 1024 * 1024;

export async function startHostileTarget(mode: HostileMode): Promise<HostileTarget> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let otherHits = 0;
  let hits = 0;

  const other = createServer((_req, res) => {
    otherHits += 1;
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  const otherPort = await listen(other, "127.0.0.2");
  const otherOrigin = `http://127.0.0.2:${otherPort}`;

  let origin = "";
  const server = createServer((req, res) => {
    hits += 1;
    handle(req, res);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  function json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    switch (mode) {
      case "hang":
        return; // accept and never answer
      case "drip": {
        res.writeHead(200, { "content-type": "application/json" });
        const t = setInterval(() => res.write(" "), 1000);
        timers.add(t);
        res.on("close", () => clearInterval(t));
        return;
      }
      case "huge": {
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < HUGE_BYTES) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("close", () => (sent = HUGE_BYTES));
        return pump();
      }
      case "invalid-json":
        res.writeHead(200, { "content-type": "application/json" }).end('{"resource": "http://127.0.0.1", ');
        return;
      case "html":
        res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><html><body><div id=app></div></body></html>");
        return;
      case "redirect-loop":
        res.writeHead(302, { location: path.endsWith("/a") ? `${path.slice(0, -2)}/b` : `${path.replace(/\/b$/, "")}/a` }).end();
        return;
      case "redirect-other-host":
        res.writeHead(302, { location: `${otherOrigin}${path}` }).end();
        return;
      case "error-500":
        json(res, 500, { error: "server_error" });
        return;
      case "static":
        // A plain static file server: an index page, 404 for everything else.
        if (path === "/" || path === "/index.html") {
          res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><html><body><h1>It works</h1></body></html>");
          return;
        }
        res.writeHead(404, { "content-type": "text/html" }).end("<html><body>404 Not Found</body></html>");
        return;
      case "metadata-elsewhere":
        if (path === "/.well-known/oauth-protected-resource") {
          return json(res, 200, { resource: `${origin}/`, authorization_servers: [origin], scopes_supported: ["api.read"], bearer_methods_supported: ["header"] });
        }
        if (path === "/.well-known/oauth-authorization-server") {
          return json(res, 200, {
            issuer: origin,
            agent_auth: {
              skill: `${otherOrigin}/auth.md`,
              register_uri: "http://10.0.0.1/agent/auth",
              claim_uri: `${otherOrigin}/agent/auth/claim`,
              revocation_uri: "http://169.254.169.254/latest/meta-data",
              identity_types_supported: ["anonymous", "identity_assertion"],
              anonymous: { credential_types_supported: ["api_key"] },
              identity_assertion: { assertion_types_supported: ["urn:ietf:params:oauth:token-type:id-jag", "verified_email"], credential_types_supported: ["api_key"] },
            },
          });
        }
        res.writeHead(401, { "www-authenticate": `Bearer resource_metadata="${otherOrigin}/.well-known/oauth-protected-resource"` }).end();
        return;
    }
  }

  const port = await listen(server, "127.0.0.1");
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    otherHostRequests: () => otherHits,
    requests: () => hits,
    async close() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await Promise.all([close(server), close(other)]);
    },
  };
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
