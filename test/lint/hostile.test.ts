import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { lintDocumentReport } from "../../src/lint/document-rules.ts";
import { auditPattern } from "../../src/lint/regex-audit.ts";
import { LINT_RULES } from "../../src/lint/types.ts";

/**
 * lint reads untrusted documents: it must answer on any input, with work linear in its size.
 * Work is counted (markdown-it tokens, lines, sentences, blocks, sections, code spans, links,
 * fences, table cells), never timed; the regular expressions are checked statically below.
 */
const RULES = new Set<string>(LINT_RULES);
const WORK_PER_CHAR = 20;

function assertSound(text: string): void {
  const r = lintDocumentReport(text);
  expect(r.findings.length).toBeGreaterThan(0);
  for (const f of r.findings) {
    expect(RULES.has(f.rule), f.rule).toBe(true);
    expect(["pass", "info", "warn", "fail"]).toContain(f.verdict);
  }
  expect(r.work).toBeLessThanOrEqual(WORK_PER_CHAR * (text.length + 1) + 100);
}

const fragment = fc.oneof(
  fc.constantFrom("# Title", "## Step 1 — Discover", "## Step 2 — Register a client", "## Errors", "## Divergences from the reference protocol", "---", "+++", "```json", "```", "~~~", "| a | b |", "| --- | --- |", "- ID-JAG is not supported", "> quote", "    code", "<div>", "POST /agent/identity", "poll /oauth2/token", '{"claim_token": "x", "email": "e"}', "`agent_auth`", "{{X}}", "[YOUR_KEY]", "service.example.com"),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.tuple(fc.constantFrom(" ", "a.", "a_", "#", "|", "[", "`", "*", ">", "- ", "(", "<", "\\", "YOUR_", "step 1 "), fc.integer({ min: 1, max: 3000 })).map(([s, n]) => s.repeat(n)),
);
const document = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join("\n"));

describe("lint on hostile and generated documents", () => {
  it("answers every generated document with known rules and work linear in its size", () => {
    fc.assert(fc.property(document, (text) => assertSound(text)), { numRuns: 150, seed: 17 });
  });

  it("answers the adversarial shapes (long lines, deep nesting, huge tables, unclosed constructs, binary)", () => {
    const cases = [
      `# a${" ".repeat(5000)}b\n`,
      "a.".repeat(40_000),
      "a_".repeat(40_000),
      ">".repeat(50_000),
      Array.from({ length: 500 }, (_, i) => `${" ".repeat(i)}- x`).join("\n"),
      `| a | b |\n| --- | --- |\n${"| x | y |\n".repeat(20_000)}`,
      `| ${"a | ".repeat(5_000)}\n| ${"--- | ".repeat(5_000)}\n`,
      `---\ntitle: x\n${"key: v\n".repeat(5_000)}`,
      "```json\n{".repeat(5_000),
      "[".repeat(100_000),
      "## Step 2 a\n## Step 1 b\n".repeat(5_000),
      "# anonymous\nNot supported.\n".repeat(5_000),
      Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256)).toString("latin1"),
    ];
    for (const text of cases) assertSound(text);
  });
});

describe("the linter's regular expressions", () => {
  const dir = path.join(import.meta.dirname, "../../src/lint");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  const literals: Array<{ file: string; pattern: string }> = [];
  let dynamic = 0;
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(path.join(dir, file), "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        literals.push({ file, pattern: text.slice(1, text.lastIndexOf("/")) });
      }
      if (ts.isNewExpression(node) && node.expression.getText(source) === "RegExp") dynamic++;
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  it("are all literals (no patterns built at run time)", () => {
    expect(literals.length).toBeGreaterThan(20);
    expect(dynamic).toBe(0);
  });

  it("each hold at most one unbounded quantifier, never nested (no catastrophic backtracking)", () => {
    const bad = literals.filter((l) => {
      const a = auditPattern(l.pattern);
      return a.nested || a.unbounded > 1;
    });
    expect(bad).toEqual([]);
  });

  it("the audit rejects the patterns that made lint hang", () => {
    expect(auditPattern(String.raw`^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$`).unbounded).toBeGreaterThan(1);
    expect(auditPattern(String.raw`\b(?:[a-z0-9-]+\.)*service\.example\.com\b`)).toMatchObject({ nested: true });
    expect(auditPattern(String.raw`(a+)+`)).toMatchObject({ nested: true });
    expect(auditPattern(String.raw`[a-z]{1,80}\.x`)).toEqual({ unbounded: 0, nested: false });
  });
});
