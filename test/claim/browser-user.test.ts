import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptTokenFromLink, BrowserUserV01, readChallengeAnswer, UserActorError } from "../../src/actors/v0_1/browser-user.ts";
import { RequestBudget } from "../../src/http/budget.ts";
import { HttpClient, type HttpResponse } from "../../src/http/client.ts";
import { Redactor } from "../../src/http/redact.ts";

// A fake service: counts GETs of the page and POSTs to the challenge endpoint.
let server: ReturnType<typeof createServer>;
let origin = "";
const seen: { method: string; path: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", path: req.url ?? "", body });
      if (req.method === "GET") {
        res.writeHead(200, { "content-type": "text/html" }).end("<p>press the button</p>");
        return;
      }
      const token = (JSON.parse(body) as { claim_attempt_token?: string }).claim_attempt_token;
      if (token === "cat_good") res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ type: "otp", challenge: "012345", expires_at: "2030-01-01T00:00:00Z" }));
      else res.writeHead(410, { "content-type": "application/json" }).end(JSON.stringify({ error: "claim_superseded" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function actor(linkPattern?: RegExp) {
  const http = new HttpClient({
    requestTimeoutMs: 5_000,
    maxBodyBytes: 65_536,
    allowedOrigins: new Set([origin]),
    budget: new RequestBudget(100, 1_000),
    redactor: new Redactor(),
  });
  return new BrowserUserV01({ http, challengeUrl: `${origin}/agent/auth/claim/attempt/challenge`, ...(linkPattern ? { linkPattern } : {}) });
}

const response = (status: number, json: unknown): HttpResponse => ({ status, headers: {}, text: JSON.stringify(json), json, truncated: false, url: "http://x/", durationMs: 0 });

describe("BrowserUserV01", () => {
  it("opens the link with a GET only, then POSTs the link's token to the challenge endpoint", async () => {
    seen.length = 0;
    const link = `${origin}/agent/auth/claim/view?token=cat_good`;
    const user = actor();
    expect((await user.open(link)).status).toBe(200);
    expect(seen).toEqual([{ method: "GET", path: "/agent/auth/claim/view?token=cat_good", body: "" }]);
    const code = await user.revealCode(link);
    expect(code.code).toBe("012345");
    expect(code.raw).toBe("012345");
    expect(code.expiresAt).toBe("2030-01-01T00:00:00Z");
    expect(seen[1]).toEqual({ method: "POST", path: "/agent/auth/claim/attempt/challenge", body: JSON.stringify({ claim_attempt_token: "cat_good" }) });
  });

  it("reports a refused challenge as a problem, not a code", async () => {
    const code = await actor().revealCode(`${origin}/agent/auth/claim/view?token=cat_old`);
    expect(code.code).toBeUndefined();
    expect(code.problem).toBe("the challenge endpoint answered 410 claim_superseded");
  });

  it("refuses a link without a token parameter, without sending anything", async () => {
    seen.length = 0;
    await expect(actor().revealCode(`${origin}/agent/auth/claim/view`)).rejects.toBeInstanceOf(UserActorError);
    expect(seen).toEqual([]);
  });

  it("picks the claim link from the mail, by default or by the configured pattern", () => {
    const mail = { to: ["u@example.test"], subject: "s", text: "", links: ["https://example.test/help", "https://svc.test/agent/auth/claim/view?token=cat_1", "https://svc.test/other?token=x"] };
    expect(actor().claimLink(mail)).toBe("https://svc.test/agent/auth/claim/view?token=cat_1");
    expect(actor(/other/).claimLink(mail)).toBe("https://svc.test/other?token=x");
    expect(actor().claimLink({ ...mail, links: ["https://example.test/help"] })).toBeUndefined();
  });
});

describe("v0.1 link and challenge parsing", () => {
  it("reads the claim_attempt_token from the token query parameter", () => {
    expect(attemptTokenFromLink("https://svc.test/v?token=cat%2Fa%2Bb")).toBe("cat/a+b");
    expect(attemptTokenFromLink("https://svc.test/v?token=")).toBeUndefined();
    expect(attemptTokenFromLink("https://svc.test/v")).toBeUndefined();
    expect(attemptTokenFromLink("not a url")).toBeUndefined();
  });

  it("keeps a string code as sent and prints a numeric one as a page would (leading zeros lost)", () => {
    expect(readChallengeAnswer(response(200, { type: "otp", challenge: "000123" })).code).toBe("000123");
    const numeric = readChallengeAnswer(response(200, { type: "otp", challenge: 123 }));
    expect(numeric.code).toBe("123");
    expect(numeric.raw).toBe(123);
    expect(readChallengeAnswer(response(200, { type: "otp" })).problem).toMatch(/no `challenge`/);
    expect(readChallengeAnswer(response(409, { error: "claim_completed" })).problem).toBe("the challenge endpoint answered 409 claim_completed");
  });
});
