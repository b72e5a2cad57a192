import { describe, expect, it } from "vitest";
import type { Report } from "../../src/report/model.ts";
import { problemsV07 } from "./v07.ts";

// How the v0.7 tolerance matrix judges a report: only declared SHOULD/MAY failures are forgiven.
function report(checks: Array<{ id: string; level: string; status: string }>): Report {
  return { checks: checks.map((c) => ({ ...c, message: "m" })) } as unknown as Report;
}

describe("problemsV07", () => {
  it("forgives a declared SHOULD failure, and nothing else", () => {
    const r = report([
      { id: "A", level: "MUST", status: "pass" },
      { id: "B", level: "MUST", status: "skip" },
      { id: "C", level: "SHOULD", status: "warn" },
      { id: "D", level: "SHOULD", status: "warn" },
      { id: "E", level: "MUST", status: "fail" },
      { id: "F", level: "MUST", status: "blocked" },
      { id: "G", level: "SHOULD", status: "error" },
      { id: "H", level: "SHOULD", status: "blocked" },
    ]);
    expect(problemsV07(r, ["C", "E", "G"]).map((p) => p.split(" ")[0])).toEqual(["D", "E", "F", "G"]);
  });
});
