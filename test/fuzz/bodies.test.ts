import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyCaseArbitrary, coverageCases, renderBody } from "../../src/fuzz/bodies.ts";
import { protocolMessages } from "../../src/fuzz/messages.ts";

/** Is the rendered body a request the protocol must refuse? (What the generator promises.) */
function refusable(c: ReturnType<typeof coverageCases>[number]): boolean {
  if (c.contentType !== "application/json") return true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(renderBody(c));
  } catch {
    return true;
  }
  if (!protocolMessages[c.message].safeParse(parsed).success) return true;
  // A valid shape is only sent to the claim endpoints, with tokens nobody issued.
  return c.endpoint !== "register";
}

describe("input fuzzer bodies", () => {
  it("valid shapes generated from the zod schemas parse with those schemas", () => {
    fc.assert(
      fc.property(bodyCaseArbitrary(), (c) => {
        if (c.mutation.kind !== "none") return;
        expect(protocolMessages[c.message].safeParse(JSON.parse(renderBody(c))).success).toBe(true);
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it("never sends a registration the service could accept", () => {
    fc.assert(
      fc.property(bodyCaseArbitrary(), (c) => {
        expect(refusable(c), JSON.stringify(c).slice(0, 200)).toBe(true);
      }),
      { seed: 2, numRuns: 300 },
    );
  });

  it("covers every message with every mutation kind, reproducibly from the seed", () => {
    const cases = coverageCases(42);
    const kinds = new Set(cases.map((c) => `${c.message}:${c.mutation.kind}`));
    for (const message of Object.keys(protocolMessages)) {
      for (const kind of ["missing-field", "wrong-type", "huge-string", "deep-nesting", "not-an-object", "invalid-json"]) {
        expect(kinds.has(`${message}:${kind}`), `${message}:${kind}`).toBe(true);
      }
    }
    expect(kinds.has("registerAnonymous:none")).toBe(false);
    expect(kinds.has("complete:none")).toBe(true);
    expect(coverageCases(42).map(renderBody)).toEqual(cases.map(renderBody));
    for (const c of cases) expect(refusable(c)).toBe(true);
  });

  it("cuts invalid JSON inside the text, so it never parses", () => {
    for (const c of coverageCases(7).filter((x) => x.mutation.kind === "invalid-json")) {
      expect(() => JSON.parse(renderBody(c))).toThrow();
    }
  });
});
