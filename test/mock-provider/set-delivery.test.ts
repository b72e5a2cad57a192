import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverSet, parseSetError, SET_CONTENT_TYPE } from "../../mock-provider/index.ts";

// A loopback events_endpoint whose answer each test chooses; it records what it received.
interface Received {
  method: string;
  contentType: string | undefined;
  accept: string | undefined;
  body: string;
}
let server: Server;
let endpoint: string;
let reply: (res: ServerResponse) => void = (res) => res.writeHead(202).end();
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", contentType: req.headers["content-type"], accept: req.headers.accept, body });
      reply(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/agent/event/notify`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const json = (status: number, body: unknown) => (res: ServerResponse) =>
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));

describe("SET delivery (RFC 8935)", () => {
  it("POSTs the token as application/secevent+jwt, accepting JSON, and reads 202 as accepted", async () => {
    reply = (res) => res.writeHead(202).end();
    const result = await deliverSet(endpoint, "a.b.c");
    expect(result).toEqual({ kind: "accepted", status: 202, bodyEmpty: true });
    expect(received.at(-1)).toEqual({ method: "POST", contentType: SET_CONTENT_TYPE, accept: "application/json", body: "a.b.c" });
  });

  it("notes a 202 that carries a body", async () => {
    reply = json(202, { ok: true });
    expect(await deliverSet(endpoint, "a.b.c")).toEqual({ kind: "accepted", status: 202, bodyEmpty: false });
  });

  it("delivers with another Content-Type when told to (the JSON content-type case)", async () => {
    reply = json(400, { err: "invalid_request", description: "wrong media type" });
    const result = await deliverSet(endpoint, "a.b.c", { contentType: "application/json" });
    expect(received.at(-1)?.contentType).toBe("application/json");
    expect(result).toMatchObject({ kind: "error", status: 400, err: "invalid_request", known: true, description: "wrong media type" });
  });

  it("types an RFC 8935 error body, flagging codes outside §2.4", async () => {
    reply = json(400, { err: "invalid_audience", description: "aud" });
    expect(await deliverSet(endpoint, "t")).toMatchObject({ kind: "error", err: "invalid_audience", known: true });
    reply = json(400, { err: "replay_detected" });
    const unknown = await deliverSet(endpoint, "t");
    expect(unknown).toMatchObject({ kind: "error", err: "replay_detected", known: false });
    expect(unknown).not.toHaveProperty("description");
  });

  it("reports OAuth-style bodies, other statuses and non-JSON as unexpected", async () => {
    reply = json(400, { error: "invalid_request", message: "no" });
    expect(await deliverSet(endpoint, "t")).toMatchObject({ kind: "unexpected", status: 400 });
    reply = json(200, {});
    expect(await deliverSet(endpoint, "t")).toMatchObject({ kind: "unexpected", status: 200 });
    reply = (res) => res.writeHead(500, { "Content-Type": "text/plain" }).end("boom");
    expect(await deliverSet(endpoint, "t")).toEqual({ kind: "unexpected", status: 500, contentType: "text/plain", body: "boom" });
  });

  it("parses error bodies strictly", () => {
    expect(parseSetError('{"err":"invalid_key","description":"k"}')).toEqual({ err: "invalid_key", description: "k" });
    expect(parseSetError('{"err":""}')).toBeUndefined();
    expect(parseSetError("[1]")).toBeUndefined();
    expect(parseSetError("not json")).toBeUndefined();
    expect(parseSetError('{"err":"x","description":3}')).toEqual({ err: "x" });
  });
});
