import { FLOW_NAMES, type Flow } from "../capabilities.ts";
import { type MarkdownDoc, shorten } from "../markdown.ts";
import { lineAt } from "../revision.ts";
import { BOTH, type LintRule, type RuleOutput } from "./types.ts";

/**
 * Rules for every revision: the document is readable Markdown an agent can follow (title, valid
 * JSON examples, no template leftovers, a way to the metadata), and its declared divergences are
 * reported. Every regular expression here starts with a literal or is bounded, so a hostile line
 * costs linear time (see the linear-work property in test/lint/hostile.test.ts).
 */
const frontMatter: LintRule = {
  id: "LINT-FRONT-MATTER",
  title: "Front matter is closed",
  source: "Jekyll/Hugo front matter convention; a line-1 `---` must be closed before the Markdown starts",
  revisions: BOTH,
  run({ doc }) {
    if (doc.frontMatter.unclosed) {
      const u = doc.frontMatter.unclosed;
      return [{ verdict: "warn", message: `Line 1 opens front matter but ${u.reason}: read as Markdown, not skipped`, line: u.line, text: doc.lines[0] }];
    }
    if (doc.frontMatter.lines > 0) return [{ verdict: "pass", message: `Front matter (${doc.frontMatter.lines} lines) skipped`, line: 1 }];
    return [];
  },
};

const title: LintRule = {
  id: "LINT-TITLE",
  title: "H1 title before the first section",
  source: "v0.1 NOTES Discovery (H1 title); DISC-AUTHMD-02",
  revisions: BOTH,
  run({ doc }) {
    const first = doc.headings[0];
    if (first?.level === 1) return [{ verdict: "pass", message: `Title: "${shorten(first.text, 80)}"`, line: first.line, text: first.text }];
    const h1 = doc.headings.find((h) => h.level === 1);
    if (h1) return [{ verdict: "warn", message: `The H1 "${shorten(h1.text, 80)}" comes after other headings`, line: h1.line, text: h1.text }];
    if (!first) return [{ verdict: "warn", message: "No heading at all" }];
    return [{ verdict: "warn", message: `No H1 title; the first heading is "${"#".repeat(first.level)} ${shorten(first.text, 80)}"`, line: first.line, text: first.text }];
  },
};

const json: LintRule = {
  id: "LINT-JSON",
  title: "Fenced ```json blocks are valid JSON",
  source: "agents copy the examples (v0.7.md §1 DISC-AUTHMD-02: the manifest is read by agents)",
  revisions: BOTH,
  run({ doc }) {
    const blocks = doc.fences.filter((f) => f.lang === "json");
    if (blocks.length === 0) return [{ verdict: "pass", message: "No ```json blocks" }];
    const out: RuleOutput[] = [];
    for (const block of blocks) {
      const text = shorten(block.content, 80);
      if (!block.closed) {
        out.push({ verdict: "fail", message: "The ```json block is never closed", line: block.line, text });
        continue;
      }
      const strict = tryParse(block.content);
      if (strict === undefined) continue;
      const relaxedOk = tryParse(stripJsonComments(block.content)) === undefined;
      out.push({
        verdict: relaxedOk ? "warn" : "fail",
        message: relaxedOk
          ? "The ```json block has comments or trailing commas (JSONC); agents that parse it strictly will fail — tag it ```jsonc or drop them"
          : `The \`\`\`json block is not valid JSON: ${strict}`,
        line: block.line,
        text,
      });
    }
    if (out.length === 0) out.push({ verdict: "pass", message: `${blocks.length} JSON block(s) parse` });
    return out;
  },
};

/** undefined when the text parses, else the parser's first message line. */
export function tryParse(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return (err as Error).message.split("\n")[0] ?? "invalid JSON";
  }
}

/** Drop line and block comments outside strings, and trailing commas (a JSONC reading). */
function stripJsonComments(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, "$1");
}

/** Template placeholders an author forgot to replace; example values agents fill in (`<token>`) are fine. */
const PLACEHOLDERS: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /\{\{[^}\n]{0,80}\}\}/g, what: "template placeholder" },
  { pattern: /<your[-_][^>\s]{1,60}>/gi, what: "template placeholder" },
  { pattern: /\[YOUR_[A-Z0-9_]{1,80}\]/g, what: "template placeholder" },
  { pattern: /\bYOUR_[A-Z0-9_]{2,80}\b/g, what: "template placeholder" },
];
const EXAMPLE_HOST = "service.example.com";

const placeholder: LintRule = {
  id: "LINT-PLACEHOLDER",
  title: "No unreplaced placeholders",
  source: "v0.1/v0.7 AUTH.md templates use service.example.com and placeholders the publisher replaces",
  revisions: BOTH,
  run({ doc }) {
    const hits: Array<{ line: number; text: string; what: string }> = [];
    doc.lines.forEach((line, n) => {
      if (n < doc.frontMatter.lines) return;
      // One hit per place: `[YOUR_KEY]` also matches the bare YOUR_KEY pattern inside it.
      const taken: Array<[number, number]> = [];
      for (const { pattern, what } of PLACEHOLDERS) {
        for (const m of line.matchAll(pattern)) {
          const start = m.index;
          const end = start + m[0].length;
          if (taken.some(([a, b]) => start >= a && end <= b)) continue;
          taken.push([start, end]);
          hits.push({ line: n + 1, text: m[0], what });
        }
      }
      for (const host of exampleHosts(line)) hits.push({ line: n + 1, text: host, what: "AUTH.md example host" });
    });
    if (hits.length === 0) return [{ verdict: "pass", message: "No template placeholders or example hosts" }];
    const first = hits[0]!;
    return [
      {
        verdict: "fail",
        message: `${hits.length} unreplaced placeholder(s) on ${new Set(hits.map((h) => h.line)).size} line(s), first: line ${first.line}: ${first.text}`,
        line: first.line,
        text: first.text,
        details: hits.map((h) => `line ${h.line}: ${h.text} (${h.what})`),
      },
    ];
  },
};

/** Each `…service.example.com` host in a line: indexOf, then extend left over host characters (linear). */
function exampleHosts(line: string): string[] {
  const out: string[] = [];
  const lower = line.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf(EXAMPLE_HOST, from);
    if (at < 0) return out;
    const end = at + EXAMPLE_HOST.length;
    from = end;
    if (end < line.length && /[a-z0-9-]/i.test(line[end]!)) continue;
    let start = at;
    while (start > 0 && at - start < 255 && /[a-z0-9.-]/i.test(line[start - 1]!)) start--;
    out.push(line.slice(start, end).replace(/^\.+/, ""));
  }
}

const PRM_PATH = "/.well-known/oauth-protected-resource";

const prmLink: LintRule = {
  id: "LINT-PRM-LINK",
  title: "Points agents at the Protected Resource Metadata",
  source: "v0.7.md DISC-PRM-01 (A7 Step 1a); RFC 9728 §3",
  revisions: BOTH,
  run({ doc }) {
    const at = doc.text.indexOf(PRM_PATH);
    if (at >= 0) return [{ verdict: "pass", message: `Mentions ${PRM_PATH}`, line: lineAt(doc, at) }];
    return [{ verdict: "warn", message: `Never mentions ${PRM_PATH}: an agent starting from this document cannot reach the metadata` }];
  },
};

const markers: LintRule = {
  id: "LINT-MARKERS",
  title: "auth.md protocol markers",
  source: "passive scanner criteria (v0.1 NOTES Discovery)",
  revisions: BOTH,
  run({ doc, revision }) {
    const registration = revision.revision === "v0.7" ? ["agent_auth", "identity_endpoint", "/agent/identity"] : ["agent_auth", "register_uri", "/agent/auth"];
    const wanted: Array<{ name: string; found: boolean }> = [
      { name: "protected resource metadata", found: has(doc, ["oauth-protected-resource", "resource_metadata"]) },
      { name: "agent_auth block or registration endpoint", found: has(doc, registration) },
      { name: "identity type", found: has(doc, ["identity_assertion", "anonymous", "service_auth"]) },
      { name: "bearer credential use", found: doc.lower.includes("bearer") },
    ];
    const missing = wanted.filter((w) => !w.found).map((w) => w.name);
    if (missing.length === wanted.length) return [{ verdict: "fail", message: "None of the auth.md protocol markers appear: this is not an auth.md document" }];
    if (missing.length) return [{ verdict: "warn", message: `Missing markers: ${missing.join(", ")}`, details: missing }];
    return [{ verdict: "pass", message: "All protocol markers present" }];
  },
};

function has(doc: MarkdownDoc, needles: readonly string[]): boolean {
  return needles.some((n) => doc.lower.includes(n));
}

const divergence: LintRule = {
  id: "LINT-DIVERGENCE",
  title: "Divergences the document declares",
  source: "v0.7.md §15 P19 (real-world forks list their divergences from the reference protocol)",
  revisions: BOTH,
  run({ divergences, flows }) {
    const out: RuleOutput[] = divergences.items.map((d) => ({ verdict: "info" as const, message: `Declared divergence: ${d.text}`, line: d.line, text: d.text }));
    for (const [flow, where] of Object.entries(flows.declaredUnsupported)) {
      out.push({ verdict: "info", message: `Declares the ${FLOW_NAMES[flow as Flow]} flow not offered: rules for it are not run`, line: where.line, text: where.text });
    }
    return out;
  },
};

export const COMMON_RULES: readonly LintRule[] = [frontMatter, title, json, placeholder, prmLink, markers, divergence];
