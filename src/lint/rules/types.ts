import type { FlowSupport, Divergence, Sentence } from "../capabilities.ts";
import type { MarkdownDoc, Section } from "../markdown.ts";
import type { LintFinding, LintRevision, RevisionDecision } from "../types.ts";

/** What every rule reads: the parsed document, the revision chosen, and what the document offers. */
export interface LintContext {
  doc: MarkdownDoc;
  revision: RevisionDecision;
  sentences: Sentence[];
  /** From the metadata when given, else from the text. */
  flows: FlowSupport;
  /** From the text alone (LINT-META-FLOWS compares it with the metadata). */
  textFlows: FlowSupport;
  divergences: { sections: Section[]; items: Divergence[] };
  metadata?: Record<string, unknown>;
}

/** A finding before the orchestrator stamps the rule's id, title and source on it. */
export type RuleOutput = Omit<LintFinding, "rule" | "title" | "source">;

export interface LintRule {
  id: string;
  title: string;
  /** Where the rule comes from (v0.7.md ids, NOTES, RFCs). */
  source: string;
  /** The revisions it applies to; a rule is not run for any other. */
  revisions: readonly LintRevision[];
  run(ctx: LintContext): RuleOutput[];
}

export const BOTH: readonly LintRevision[] = ["v0.1", "v0.7"];

/** Does the flow count as offered? Undefined (not mentioned) counts as offered only when `assumeOffered`. */
export function offers(ctx: LintContext, flow: keyof FlowSupport["supported"], assumeOffered = false): boolean {
  const v = ctx.flows.supported[flow];
  return v === undefined ? assumeOffered : v;
}
