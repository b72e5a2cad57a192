import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AttackClient } from "../../src/fuzz/attack-client.ts";

// The raw path of the brute-force proofs: one URL, fixed headers, status and capped text back.
describe("AttackClient", () => {
  let server: Server;
  let origin: string;
  const seen: { headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(body.endsWith("123456") ? 200 : 401, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: body.endsWith("123456") ? undefined : "wrong_code", padding: "x".repeat(100) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const options = (over: Partial<ConstructorParameters<typeof AttackClient>[0]> = {}) => ({
    url: `${origin}/complete`,
    allowedOrigins: [origin],
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: "sid=abc" },
    connections: 4,
    requestTimeoutMs: 5_000,
    maxBodyBytes: 1_000_000,
    ...over,
  });

  it("sends the fixed headers and the body, and answers status and text", async () => {
    const client = new AttackClient(options());
    try {
      const wrong = await client.post("user_code=000001");
      const right = await client.post("user_code=123456");
      expect(wrong.status).toBe(401);
      expect(JSON.parse(wrong.text).error).toBe("wrong_code");
      expect(right.status).toBe(200);
      expect(client.requests).toBe(2);
      expect(seen.at(-1)).toMatchObject({ body: "user_code=123456", headers: { "content-type": "application/x-www-form-urlencoded", cookie: "sid=abc" } });
    } finally {
      await client.close();
    }
  });

  it("keeps at most maxBodyBytes of an answer and the connection stays usable", async () => {
    const client = new AttackClient(options({ maxBodyBytes: 10, connections: 1 }));
    try {
      expect((await client.post("a")).text).toBe('{"error":"');
      expect((await client.post("b")).text).toHaveLength(10);
    } finally {
      await client.close();
    }
  });

  it("refuses an origin outside the allowlist before sending anything", () => {
    expect(() => new AttackClient(options({ url: "http://evil.example/complete" }))).toThrow(/not the target's origin/);
  });

  it("turns a refused connection into target_unreachable", async () => {
    const client = new AttackClient(options({ url: "http://127.0.0.1:9/x", allowedOrigins: ["http://127.0.0.1:9"] }));
    try {
      await expect(client.post("x")).rejects.toMatchObject({ code: "target_unreachable" });
    } finally {
      await client.close();
    }
  });
});
