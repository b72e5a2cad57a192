import { declaredDivergences, metadataFlowSupport, sentences, textFlowSupport } from "./capabilities.ts";
import { parseMarkdown } from "./markdown.ts";
import { detectRevision, metadataRevision } from "./revision.ts";
import { COMMON_RULES } from "./rules/common.ts";
import { CONSISTENCY_RULES } from "./rules/consistency.ts";
import { METADATA_RULES } from "./rules/metadata.ts";
import type { LintContext, LintRule } from "./rules/types.ts";
import { V01_RULES } from "./rules/v0_1.ts";
import { V07_RULES } from "./rules/v0_7.ts";
import type { LintFinding, LintRevision, RevisionDecision } from "./types.ts";

/**
 * Offline rules on an auth.md document. The revision is detected first (or forced), and only the
 * rules for that revision run. Verdicts follow the catalogue's levels: what would break an agent
 * (HTML instead of Markdown, invalid JSON examples, unreplaced placeholders, URLs that contradict
 * the metadata, a self-contradiction) fails; what the sources recommend warns; declared
 * divergences are information. Real documents vary, so every rule reports and none throws.
 */
export interface DocumentLintOptions {
  /** AS metadata (with its agent_auth block) to compare flows and URLs with. */
  metadata?: Record<string, unknown>;
  /** Force a revision instead of detecting it (`--profile`). */
  profile?: LintRevision;
}

/** Documents larger than this are refused with one finding (lint reads untrusted pages). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export const ALL_RULES: readonly LintRule[] = [...COMMON_RULES, ...V01_RULES, ...V07_RULES, ...CONSISTENCY_RULES, ...METADATA_RULES];

export interface DocumentLintReport {
  revision?: RevisionDecision;
  findings: LintFinding[];
  /** Work units: markdown-it tokens, lines, sentences, blocks, sections, code spans, links, fences, table cells. */
  work: number;
}

export function lintDocument(text: string, options: DocumentLintOptions = {}): LintFinding[] {
  return lintDocumentReport(text, options).findings;
}

export function lintDocumentReport(text: string, options: DocumentLintOptions = {}): DocumentLintReport {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_DOCUMENT_BYTES) return { findings: [oversizeFinding(bytes)], work: 0 };
  if (text.trim() === "") {
    return { findings: [{ rule: "LINT-EMPTY", verdict: "fail", title: "Document has content", message: "The document is empty", source: "v0.7.md DISC-AUTHMD-01" }], work: 0 };
  }
  if (looksLikeHtmlDocument(text)) {
    return {
      findings: [{ rule: "LINT-NOT-HTML", verdict: "fail", title: "Markdown, not HTML", message: "The document is an HTML page (an SPA fallback?), not Markdown; agents cannot follow it", line: 1, source: "v0.7.md DISC-AUTHMD-01" }],
      work: 0,
    };
  }
  const doc = parseMarkdown(text);
  const revision = detectRevision(doc, options.metadata, options.profile);
  const all = sentences(doc);
  const textFlows = textFlowSupport(doc, all);
  const metaFlows = options.metadata ? metadataFlowSupport(options.metadata, revision.revision) : undefined;
  const ctx: LintContext = {
    doc,
    revision,
    sentences: all,
    textFlows,
    flows: metaFlows ?? textFlows,
    divergences: declaredDivergences(doc),
    ...(options.metadata ? { metadata: options.metadata } : {}),
  };
  const findings: LintFinding[] = [
    {
      rule: "LINT-REVISION",
      verdict: "info",
      title: "Protocol revision",
      message: `Rules for ${revision.revision} (${revision.forced ? "forced by --profile" : `detected: score v0.7 ${revision.scores["v0.7"]}, v0.1 ${revision.scores["v0.1"]}`})`,
      source: "NOTES 'Later revisions'; v0.7.md §13",
      details: revision.evidence,
    },
    { rule: "LINT-NOT-HTML", verdict: "pass", title: "Markdown, not HTML", message: "The document is Markdown text", source: "v0.7.md DISC-AUTHMD-01" },
  ];
  // The text and the metadata should describe the same revision.
  if (options.metadata && !revision.forced) {
    const textOnly = detectRevision(doc, undefined);
    const metaOnly = metadataRevision(options.metadata);
    if (metaOnly && textOnly.scores["v0.1"] + textOnly.scores["v0.7"] > 0 && metaOnly !== textOnly.revision) {
      findings.push({
        rule: "LINT-REVISION",
        verdict: "warn",
        title: "Protocol revision",
        message: `The document reads as ${textOnly.revision}, its metadata's agent_auth as ${metaOnly}`,
        source: "NOTES 'Later revisions'; v0.7.md §13",
        details: textOnly.evidence,
      });
    }
  }
  for (const rule of ALL_RULES) {
    if (!rule.revisions.includes(revision.revision)) continue;
    for (const out of rule.run(ctx)) findings.push({ rule: rule.id, title: rule.title, source: rule.source, ...out });
  }
  // Structural units the rules iterate over (the regular expressions are audited separately).
  const cells = doc.tables.reduce((n, t) => n + t.header.length + t.rows.reduce((m, r) => m + r.length, 0), 0);
  const work = doc.tokenCount + doc.lines.length + all.length + doc.blocks.length + doc.sections.length + doc.codes.length + doc.links.length + doc.fences.length + cells;
  return { revision, findings, work };
}

export function oversizeFinding(bytes: number): LintFinding {
  return {
    rule: "LINT-SIZE",
    verdict: "fail",
    title: "Document within the size cap",
    message: `The document is ${bytes} bytes; lint reads at most ${MAX_DOCUMENT_BYTES} bytes (2 MB) and did not parse it`,
    source: "lint's own cap (a denial-of-service guard for documents fetched from the internet)",
  };
}

export function looksLikeHtmlDocument(text: string): boolean {
  return /^\s{0,1000}(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.slice(0, 2000));
}
