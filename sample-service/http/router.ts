import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./respond.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/** Exact-path router: unknown path → 404, known path with another method → 405 with Allow. */
export class Router {
  private readonly routes = new Map<string, Map<string, Handler>>();

  add(method: "GET" | "POST", path: string, handler: Handler): this {
    let methods = this.routes.get(path);
    if (methods === undefined) {
      methods = new Map();
      this.routes.set(path, methods);
    }
    methods.set(method, handler);
    // HEAD is served by the GET handler; node drops the body of HEAD responses.
    if (method === "GET") methods.set("HEAD", handler);
    return this;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const methods = this.routes.get(url.pathname);
    if (methods === undefined) {
      req.resume();
      sendJson(res, 404, { error: "not_found", message: `no route for ${url.pathname}` });
      return;
    }
    const handler = methods.get(req.method ?? "");
    if (handler === undefined) {
      req.resume();
      const allow = [...methods.keys()].join(", ");
      sendJson(res, 405, { error: "method_not_allowed", message: `use ${allow}` }, { Allow: allow });
      return;
    }
    await handler(req, res, url);
  }
}
