import { type MarkdownDoc, type Section, type TextBlock, shorten, within } from "./markdown.ts";
import type { LintRevision } from "./types.ts";

/**
 * What a document says it offers. Partial adopters support only some identity types, and some say
 * in so many words that a flow is not offered ("ID-JAG is not supported"); rules then demand
 * nothing for that flow. From the metadata when it is given, else from the text.
 */
export type Flow = "anonymous" | "idJag" | "serviceAuth" | "verifiedEmail" | "claim" | "claimPoll";

export const FLOW_NAMES: Record<Flow, string> = {
  anonymous: "anonymous",
  idJag: "identity_assertion (ID-JAG)",
  serviceAuth: "service_auth",
  verifiedEmail: "identity_assertion + verified_email",
  claim: "claim ceremony",
  claimPoll: "claim polling (RFC 8628-style)",
};

/** Terms (lower case) that name each flow in prose or code. */
const FLOW_TERMS: Record<Flow, string[]> = {
  anonymous: ["anonymous"],
  idJag: ["id-jag", "idjag", "id jag"],
  serviceAuth: ["service_auth"],
  verifiedEmail: ["verified_email"],
  claim: ["claim_token", "claim ceremony", "claim_url", "claim_endpoint", "claim_uri"],
  claimPoll: ["poll", "authorization_pending", "grant-type:claim", "claim grant", "user_code"],
};

/** Phrases that say a thing is not offered (checked in the same sentence as the term). */
const NEGATIONS = [
  "not supported", "unsupported", "does not support", "doesn't support", "do not support", "don't support", "not offered",
  "does not offer", "doesn't offer", "do not offer", "not available", "not implemented", "no support", "isn't supported",
  "not accepted", "is not used", "are not used", "not yet supported", "there is no", "there's no", "there are no", ", not the ", ", not a ",
];

export interface FlowSupport {
  /** true: offered; false: the document (or metadata) says it is not; undefined: not mentioned. */
  supported: Record<Flow, boolean | undefined>;
  /** Where a flow is declared not offered, per flow. */
  declaredUnsupported: Partial<Record<Flow, { line: number; text: string }>>;
  from: "metadata" | "text";
}

export interface Sentence {
  kind: TextBlock["kind"];
  text: string;
  lower: string;
  line: number;
  negated: boolean;
}

/** Every sentence of the document's text blocks, with a negation flag (one pass, no backtracking). */
export function sentences(doc: MarkdownDoc): Sentence[] {
  const out: Sentence[] = [];
  for (const b of doc.blocks) {
    let line = b.line;
    let start = 0;
    const t = b.text;
    for (let i = 0; i <= t.length; i++) {
      const c = t[i];
      const end = i === t.length || c === "\n" || ((c === "." || c === "!" || c === "?" || c === ";") && (i + 1 === t.length || t[i + 1] === " "));
      if (!end) continue;
      const text = t.slice(start, i + 1).trim();
      if (text) {
        const lower = text.toLowerCase();
        out.push({ kind: b.kind, text, lower, line, negated: NEGATIONS.some((n) => lower.includes(n)) });
      }
      if (c === "\n") line++;
      start = i + 1;
    }
  }
  return out;
}

/** Does `term` occur in a sentence that is not negated? */
export function mentionedPositively(all: readonly Sentence[], terms: readonly string[]): Sentence | undefined {
  return all.find((s) => !s.negated && terms.some((t) => s.lower.includes(t)));
}

/**
 * A flow is declared not offered by a negating sentence in a divergences section, by a heading
 * naming it whose first sentence is a negation, or by a negating sentence when nothing else in the
 * document mentions the flow positively ("An ID-JAG without auth_time is not accepted" next to a
 * documented ID-JAG flow is a rule of that flow, not its absence).
 */
export function textFlowSupport(doc: MarkdownDoc, all: readonly Sentence[]): FlowSupport {
  const supported = {} as Record<Flow, boolean | undefined>;
  const declaredUnsupported: FlowSupport["declaredUnsupported"] = {};
  const divergenceSections = declaredDivergences(doc).sections;
  for (const flow of Object.keys(FLOW_TERMS) as Flow[]) {
    const terms = FLOW_TERMS[flow];
    const negating = (s: Sentence) => (s.negated && terms.some((t) => s.lower.includes(t))) || startsWithNo(s.lower, terms);
    const positive = all.find((s) => !negating(s) && !inSections(s.line, divergenceSections) && terms.some((t) => s.lower.includes(t)));
    const negated =
      all.find((s) => negating(s) && inSections(s.line, divergenceSections)) ?? negatedByHeading(doc, all, terms) ?? (positive ? undefined : all.find(negating));
    if (negated) {
      supported[flow] = false;
      declaredUnsupported[flow] = { line: negated.line, text: shorten(negated.text) };
    } else supported[flow] = positive ? true : undefined;
  }
  return { supported, declaredUnsupported, from: "text" };
}

/** "No ID-JAG." / "There is no service_auth" style statements. */
function startsWithNo(lower: string, terms: readonly string[]): boolean {
  return terms.some((t) => lower.includes(`no ${t}`));
}

/** A heading naming the flow whose first sentence is a negation ("### ID-JAG" then "Not supported."). */
function negatedByHeading(doc: MarkdownDoc, all: readonly Sentence[], terms: readonly string[]): Sentence | undefined {
  for (const s of doc.sections) {
    const h = s.heading.text.toLowerCase();
    if (!terms.some((t) => h.includes(t))) continue;
    const first = firstAfter(all, s.startLine);
    if (!first || first.line > s.endLine) continue;
    if (first.negated) return first;
  }
  return undefined;
}

/** Flow support from AS metadata (agent_auth block and grant types), per revision's field names. */
export function metadataFlowSupport(metadata: Record<string, unknown>, revision: LintRevision): FlowSupport | undefined {
  const block = isObject(metadata.agent_auth) ? metadata.agent_auth : undefined;
  if (!block) return undefined;
  const types = strings(block.identity_types_supported);
  const assertions = isObject(block.identity_assertion) ? strings(block.identity_assertion.assertion_types_supported) : [];
  const idJagType = "urn:ietf:params:oauth:token-type:id-jag";
  const grants = strings(metadata.grant_types_supported);
  const claim =
    revision === "v0.7"
      ? grants.includes("urn:workos:agent-auth:grant-type:claim") || typeof block.claim_endpoint === "string"
      : typeof block.claim_uri === "string";
  return {
    supported: {
      anonymous: types.includes("anonymous"),
      idJag: types.includes("identity_assertion") && (assertions.length === 0 || assertions.includes(idJagType)),
      serviceAuth: types.includes("service_auth"),
      verifiedEmail: types.includes("identity_assertion") && assertions.includes("verified_email"),
      claim,
      claimPoll: revision === "v0.7" ? grants.includes("urn:workos:agent-auth:grant-type:claim") : false,
    },
    declaredUnsupported: {},
    from: "metadata",
  };
}

/** A section that lists the document's own divergences from the reference protocol. */
const DIVERGENCE_HEADING = ["diverg", "deviation", "deviates", "differences from", "differs from"];

export interface Divergence {
  line: number;
  text: string;
}

export function declaredDivergences(doc: MarkdownDoc): { sections: Section[]; items: Divergence[] } {
  const sections = doc.sections.filter((s) => DIVERGENCE_HEADING.some((d) => s.heading.text.toLowerCase().includes(d)));
  const items: Divergence[] = [];
  for (const s of sections) {
    const blocks = within(doc.blocks, s).filter((b) => b.line > s.startLine);
    const listed = blocks.filter((b) => b.kind === "list_item" || b.kind === "heading");
    for (const b of listed.length ? listed : blocks.filter((b) => b.kind === "paragraph")) items.push({ line: b.line, text: shorten(b.text) });
  }
  return { sections, items };
}

export function inSections(line: number, sections: readonly Section[]): boolean {
  return sections.some((s) => line >= s.startLine && line <= s.endLine);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** The first sentence below `line` (sentences are in line order: binary search keeps this linear overall). */
function firstAfter(all: readonly Sentence[], line: number): Sentence | undefined {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.line <= line) lo = mid + 1;
    else hi = mid;
  }
  return all[lo];
}
