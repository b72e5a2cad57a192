import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RequestBudget } from "../../src/http/budget.ts";
import { HttpClient } from "../../src/http/client.ts";
import { EXCERPT_CHARS } from "../../src/http/exchange.ts";
import { type RawExchange, learnSecrets, recordExchange } from "../../src/http/record.ts";
import { Redactor } from "../../src/http/redact.ts";

const secret = fc.stringMatching(/^[A-Za-z0-9_]{6,40}$/);
const word = fc.stringMatching(/^[a-z]{1,8}$/);
const SECRET_NAMES = ["api_key", "claim_token", "otp", "assertion", "logout_token", "d"];

/** JSON holding secret fields at some depth, among plain ones. */
const jsonWithSecrets: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, word, fc.integer(), tie("object"), fc.array(tie("value"), { maxLength: 3 })),
  object: fc.dictionary(fc.oneof(word, fc.constantFrom(...SECRET_NAMES)), fc.oneof(secret, tie("value")), { maxKeys: 4 }),
})).object;

const body = fc.oneof(
  jsonWithSecrets.map((v) => ({ text: JSON.stringify(v), contentType: "application/json" })),
  // A long answer: only an excerpt is recorded, but its secrets must be learnt whole.
  fc.tuple(secret, fc.integer({ min: EXCERPT_CHARS, max: 3 * EXCERPT_CHARS })).map(([s, pad]) => ({ text: JSON.stringify({ note: "x".repeat(pad), api_key: s }), contentType: "application/json" })),
  fc.tuple(secret, secret, secret).map(([a, b, c]) => ({ text: `${a}.${b}.${c}`, contentType: "application/logout+jwt" })),
  fc.tuple(word, secret).map(([w, s]) => ({ text: `${w} ${s}`, contentType: "text/plain" })),
  fc.constant({ text: "{not json", contentType: "application/json" }),
);

const rawExchange: fc.Arbitrary<RawExchange> = fc
  .record({
    token: fc.option(secret, { nil: undefined }),
    bearer: fc.option(secret, { nil: undefined }),
    request: fc.option(body, { nil: undefined }),
    response: fc.option(body, { nil: undefined }),
    setCookie: fc.option(secret, { nil: undefined }),
  })
  .map(({ token, bearer, request, response, setCookie }) => ({
    method: "POST",
    url: `http://127.0.0.1:1/claim${token ? `?token=${token}` : ""}`,
    requestHeaders: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(request ? { "content-type": request.contentType } : {}),
    },
    ...(request ? { requestBody: request.text } : {}),
    durationMs: 1,
    ...(response
      ? { status: 200, responseHeaders: { "content-type": response.contentType, ...(setCookie ? { "set-cookie": setCookie } : {}) }, responseText: response.text, truncated: false }
      : {}),
  }));

describe("exchange records", () => {
  it("learnSecrets registers exactly the secrets recordExchange masks (property)", () => {
    fc.assert(
      fc.property(rawExchange, (raw) => {
        const learnt = new Redactor();
        const recorded = new Redactor();
        learnSecrets(learnt, raw);
        recordExchange(recorded, raw);
        expect(new Set(learnt.known())).toEqual(new Set(recorded.known()));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("a record built after learning holds no learnt secret in clear (property)", () => {
    fc.assert(
      fc.property(fc.array(rawExchange, { minLength: 1, maxLength: 4 }), (raws) => {
        const redactor = new Redactor();
        for (const raw of raws) learnSecrets(redactor, raw);
        const text = JSON.stringify(raws.map((raw) => recordExchange(redactor, raw)));
        for (const s of redactor.known()) expect(text).not.toContain(s);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("masks an api_key that lies beyond the excerpt of a long JSON answer, where the excerpt quotes it again", () => {
    const redactor = new Redactor();
    const key = "ak_live_0123456789abcdef";
    const text = JSON.stringify({ echo: key, padding: "x".repeat(EXCERPT_CHARS), api_key: key });
    const record = recordExchange(redactor, { method: "GET", url: "http://127.0.0.1:1/", requestHeaders: {}, durationMs: 1, status: 200, responseHeaders: { "content-type": "application/json" }, responseText: text });
    expect(record.responseBody!.length).toBeLessThan(text.length);
    expect(record.responseBody).not.toContain(key);
    expect(record.responseBody).toContain("«redacted:ak_l…");
  });
});

describe("HttpClient deferred log", () => {
  it("keeps exchanges raw, learns their secrets at once, and redacts them on record", async () => {
    const key = "ak_live_fedcba9876543210";
    const server = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ api_key: key }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const redactor = new Redactor();
      const http = new HttpClient({ requestTimeoutMs: 5_000, maxBodyBytes: 65_536, allowedOrigins: new Set([origin]), budget: new RequestBudget(10, 1_000), redactor });
      const raw: RawExchange[] = [];
      await http.withDeferredLog(raw).postJson(`${origin}/register`, { otp: "123456" });
      expect(raw).toHaveLength(1);
      expect(raw[0]!.responseText).toContain(key);
      // Learnt before anything was recorded: any later text is masked.
      expect(redactor.text(`the key ${key}`)).not.toContain(key);
      const [record] = http.record(raw);
      expect(record!.status).toBe(200);
      expect(JSON.stringify(record)).not.toContain(key);
      expect(JSON.stringify(record)).not.toContain("123456");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
