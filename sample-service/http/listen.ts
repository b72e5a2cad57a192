import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { originFor } from "../config.ts";

/** What a sample service does with one request once it is started (the URL is already parsed). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface SampleListener {
  /** e.g. http://127.0.0.1:53123 (no trailing slash). */
  origin: string;
  /** Start answering with `handler` (until then every request answers 503). */
  serve(handler: RequestHandler): void;
  /** Stop listening and drop open connections; idempotent. */
  close(): Promise<void>;
}

/**
 * The listener both sample services share: bounded request and header timeouts, 503 until the
 * service is wired (the origin is only known once listening), `nosniff` on every answer, a 500
 * from `crashAnswer` when a handler throws, and one log line per request naming the path only
 * (queries of claim links and pages carry secrets).
 */
export async function listenSample(options: {
  host: string;
  port: number;
  log: (line: string) => void;
  /** Answer written while starting (503) or after a crash (500), in the service's error shape. */
  errorAnswer: (res: ServerResponse, status: 500 | 503) => void;
}): Promise<SampleListener> {
  let handler: RequestHandler | undefined;
  const server = createServer((req, res) => void dispatch(req, res));
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const origin = originFor(options.host, (server.address() as AddressInfo).port);

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!handler) return options.errorAnswer(res, 503);
    let pathname = "(unparsable)";
    try {
      const url = new URL(req.url ?? "/", origin);
      pathname = url.pathname;
      res.setHeader("X-Content-Type-Options", "nosniff");
      await handler(req, res, url);
    } catch (error) {
      options.log(`error on ${req.method} ${pathname}: ${error instanceof Error ? error.name : "unknown"}`);
      if (!res.headersSent) options.errorAnswer(res, 500);
      else res.destroy();
    } finally {
      options.log(`${req.method} ${pathname} ${res.statusCode}`);
    }
  }

  let closed: Promise<void> | undefined;
  return {
    origin,
    serve(next) {
      handler = next;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
