import { describe, expect, it } from "vitest";
import type { Exchange } from "../../src/http/exchange.ts";
import { renderBadge } from "../../src/report/badge.ts";
import { decisiveExchange, reproductionLines } from "../../src/report/evidence.ts";
import { renderHtml } from "../../src/report/html.ts";
import { renderJunit } from "../../src/report/junit.ts";
import { renderMarkdown } from "../../src/report/markdown.ts";
import { fakeCheck, fakeReport } from "../support/fake-report.ts";

const ex = (path: string, status: number): Exchange => ({
  method: "GET",
  url: `http://127.0.0.1:1${path}`,
  requestHeaders: { accept: "application/json" },
  status,
  durationMs: 1,
  curl: `curl -sS -X GET 'http://127.0.0.1:1${path}'`,
});

const fieldFinding = fakeCheck({
  id: "DISC-PRM-04",
  status: "fail",
  message: "resource differs",
  evidence: {
    exchanges: [ex("/.well-known/oauth-protected-resource", 200), ex("/api/notes", 401)],
    details: { expected: "http://127.0.0.1:1", actual: "http://127.0.0.1:1/api/", pointer: "/resource", document: "http://127.0.0.1:1/.well-known/oauth-protected-resource" },
    data: { decisiveExchange: 0 },
  },
});

const propertyFinding = fakeCheck({
  id: "FUZZ-01",
  status: "fail",
  message: "5xx on a generated body",
  evidence: { exchanges: [ex("/agent/auth", 500)], data: { seed: 99, counterexample: { type: 7 } } },
});

describe("evidence of a failing check", () => {
  it("the decisive exchange is the one the check marked, else the last", () => {
    expect(decisiveExchange(fieldFinding)?.url).toMatch(/oauth-protected-resource$/);
    expect(decisiveExchange(propertyFinding)?.status).toBe(500);
    expect(decisiveExchange(fakeCheck({ id: "A", status: "fail" }))).toBeUndefined();
  });

  it("plain-text lines carry expected/actual, the pointer, seed, counterexample and the curl line", () => {
    expect(reproductionLines(fieldFinding)).toEqual([
      'expected: "http://127.0.0.1:1"',
      'actual:   "http://127.0.0.1:1/api/"',
      "at: http://127.0.0.1:1/.well-known/oauth-protected-resource#/resource",
      "decisive request: GET http://127.0.0.1:1/.well-known/oauth-protected-resource → 200",
      "reproduce: curl -sS -X GET 'http://127.0.0.1:1/.well-known/oauth-protected-resource'",
    ]);
    const lines = reproductionLines(propertyFinding, 7);
    expect(lines).toContain('counterexample: {"type":7}');
    expect(lines).toContain("seed: 99 (replay with --seed)");
  });

  it("JUnit failure text and Markdown findings show the same evidence", () => {
    const report = fakeReport([fieldFinding, propertyFinding]);
    const xml = renderJunit(report);
    expect(xml).toContain("at: http://127.0.0.1:1/.well-known/oauth-protected-resource#/resource");
    expect(xml).toContain("seed: 99 (replay with --seed)");
    expect(xml).toContain("source: RFC 9728 §3.3");
    const md = renderMarkdown(report);
    expect(md).toContain('expected `"http://127.0.0.1:1"` · actual `"http://127.0.0.1:1/api/"`');
    expect(md).toContain("at `http://127.0.0.1:1/.well-known/oauth-protected-resource#/resource`");
    expect(md).toContain("    curl -sS -X GET 'http://127.0.0.1:1/.well-known/oauth-protected-resource'");
    expect(md).toContain("seed `99`");
  });

  it("HTML embeds the data and the renderer for expected/actual, reproduce and the verdict", () => {
    const html = renderHtml(fakeReport([fieldFinding]));
    for (const text of ["Expected / actual", "Reproduce", "JSON pointer", "(decisive)", "expand-all"]) expect(html).toContain(text);
    expect(html).toContain('"pointer":"/resource"');
  });
});

describe("badge", () => {
  it("is green with passed/total MUST when conformant and red otherwise", () => {
    const ok = renderBadge(fakeReport([fakeCheck({ id: "A", status: "pass" }), fakeCheck({ id: "B", status: "warn", level: "SHOULD" })]));
    expect(ok).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(ok).toContain("auth.md v0.1");
    expect(ok).toContain("1/1 MUST");
    expect(ok).toContain("#2ea44f");
    const ko = renderBadge(fakeReport([fakeCheck({ id: "A", status: "pass" }), fakeCheck({ id: "B", status: "fail" })]));
    expect(ko).toContain("1/2 MUST · not conformant");
    expect(ko).toContain("#cf222e");
  });
});

describe("report.html script", () => {
  it("parses as JavaScript (the template literal did not swallow an escape)", () => {
    const html = renderHtml(fakeReport([fieldFinding, propertyFinding]));
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    expect(() => new Function(script)).not.toThrow();
  });
});
