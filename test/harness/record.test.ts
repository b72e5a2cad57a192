import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
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

const CURL = "/usr/bin/curl";

describe("curl lines of recorded exchanges", () => {
  it("keep a harness-minted token in clear, read a target-issued secret from a named shell variable, and run as pasted", async (ctx) => {
    if (!existsSync(CURL)) {
      process.stderr.write(`${CURL} is not installed: the curl-runs-as-pasted test is skipped\n`);
      ctx.skip();
    }
    const forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4J3kifQ.";
    const claimToken = "clm_0123456789abcdefABCDEF";
    const apiKey = "sk_test_abcdefghijklmnopqrstu";
    let received: { auth?: string; body: string } | undefined;
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        received = { auth: req.headers.authorization, body };
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const redactor = new Redactor();
      redactor.markHarnessMinted(forged);
      // The target issued these earlier in the check.
      redactor.json({ claim_token: claimToken, api_key: apiKey });
      const requestBody = JSON.stringify({ assertion: forged, claim_token: claimToken });
      const record = recordExchange(redactor, {
        method: "POST",
        url: `${origin}/claim`,
        requestHeaders: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        requestBody,
        durationMs: 1,
      });
      expect(record.curl).toContain(forged);
      expect(record.curl).not.toContain(claimToken);
      expect(record.curl).not.toContain(apiKey);
      expect(record.curl).toContain(`"$CLAIM_TOKEN"`);
      expect(record.curl).toContain(`"$API_KEY"`);
      expect(record.curlVariables?.map((v) => v.name).sort()).toEqual(["API_KEY", "CLAIM_TOKEN"]);
      for (const v of record.curlVariables ?? []) expect(v.obtain.length).toBeGreaterThan(10);
      // Pasted into a shell with the two variables set, it sends exactly the original request.
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn("sh", ["-c", record.curl], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", CLAIM_TOKEN: claimToken, API_KEY: apiKey }, stdio: "ignore" });
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        child.on("close", (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      expect(code).toBe(0);
      expect(received).toEqual({ auth: `Bearer ${apiKey}`, body: requestBody });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("curl lines masked after they were recorded", () => {
  it("name each mask as a variable, wherever it sits (quoted, a bare JSON number, an array, a header), and the shell rebuilds the original arguments", async () => {
    const { withCurlVariables } = await import("../../src/http/exchange.ts");
    const otp = "«redacted:…#8d969eef»";
    const key = "«redacted:sk_t…#1a2b3c4d»";
    const exchange = {
      method: "POST",
      url: "http://127.0.0.1:1/agent/auth/claim/complete",
      requestHeaders: {},
      durationMs: 1,
      curl: `curl -sS -X POST 'http://127.0.0.1:1/c' -H 'authorization: Bearer ${key}' --data-binary '{"claim_token":"'"$CLAIM_TOKEN"'","otp":${otp},"again":["${otp}"]}'`,
      curlVariables: [{ name: "CLAIM_TOKEN", obtain: "the claim_token", seen: "«redacted:clm_…#00000000»" }],
    };
    const named = withCurlVariables(exchange);
    expect(named.curl).not.toContain("«redacted");
    expect(named.curlVariables!.map((v) => v.name)).toEqual(["CLAIM_TOKEN", "API_KEY", "OTP"]);
    // A shell function stands in for curl and prints the arguments it got.
    const args = await new Promise<string>((resolve, reject) => {
      const child = spawn("sh", ["-c", `curl() { printf '%s\\n' "$@"; }; ${named.curl}`], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", CLAIM_TOKEN: "clm_x", API_KEY: "sk_y", OTP: "123456" } });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("close", () => resolve(out));
    });
    expect(args.split("\n")).toEqual(["-sS", "-X", "POST", "http://127.0.0.1:1/c", "-H", "authorization: Bearer sk_y", "--data-binary", '{"claim_token":"clm_x","otp":123456,"again":["123456"]}', ""]);
    expect(withCurlVariables({ ...exchange, curl: "curl -sS -X GET 'http://x/'" }).curlVariables).toEqual(exchange.curlVariables);
  });
});
