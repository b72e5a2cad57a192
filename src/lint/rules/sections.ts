import { FLOW_NAMES, type Flow } from "../capabilities.ts";
import type { Heading } from "../markdown.ts";
import { type LintContext, type RuleOutput, offers } from "./types.ts";

/**
 * Section outline per revision. A heading counts for a section by its name, never by its step
 * number alone ("Step 2 — Register a client" is not "Pick a method"). Numbered headings are grouped
 * into sequences (a new sequence starts when the number goes down); only the best-matching
 * sequence is read, so two separate Step 1–5 runs are not merged into one outline.
 */
export interface SectionSpec {
  name: string;
  /** Expected step number, when the section is a step. */
  step?: number;
  /** The heading's title (step prefix removed, lower case) names this section. */
  matches: (title: string) => boolean;
  /** Demanded only when the document offers this flow. */
  flow?: Flow;
}

interface Candidate {
  heading: Heading;
  step?: number;
  title: string;
}

const MAX_SEQUENCES = 50;
const STEP_PREFIX = /^step\s{0,3}(\d{1,2})([a-z])?(?![0-9])[\s:.—–-]{0,8}/i;

function candidate(h: Heading): Candidate {
  const m = STEP_PREFIX.exec(h.text);
  if (!m) return { heading: h, title: h.text.toLowerCase() };
  return { heading: h, step: Number(m[1]), title: h.text.slice(m[0].length).toLowerCase() };
}

export function sectionsFinding(ctx: LintContext, specs: readonly SectionSpec[]): RuleOutput {
  const all = ctx.doc.headings.filter((h) => h.level >= 2).map(candidate);
  const sequences: Candidate[][] = [];
  let prev: number | undefined;
  for (const c of all) {
    if (c.step === undefined) continue;
    if (prev === undefined || c.step < prev) sequences.push([]);
    sequences[sequences.length - 1]!.push(c);
    prev = c.step;
  }
  const unnumbered = all.filter((c) => c.step === undefined);
  const demanded = specs.filter((s) => !s.flow || offers(ctx, s.flow, true));
  const skipped = specs.filter((s) => s.flow && !offers(ctx, s.flow, true));
  let best: { seq: Candidate[]; found: Map<SectionSpec, Candidate> } | undefined;
  // Compare at most MAX_SEQUENCES sequences (hostile documents can hold thousands); say so below.
  for (const seq of (sequences.length ? sequences : [[]]).slice(0, MAX_SEQUENCES)) {
    const found = assign(demanded, [...seq, ...unnumbered]);
    if (!best || found.size > best.found.size) best = { seq, found };
  }
  const { seq, found } = best!;
  const missing = demanded.filter((s) => !found.has(s));
  const details: string[] = [];
  for (const [spec, c] of found) {
    if (spec.step !== undefined && c.step !== undefined && c.step !== spec.step) details.push(`${spec.name}: found as "${c.heading.text}" (line ${c.heading.line}), numbered ${c.step}`);
    else if (c.step === undefined && spec.step !== undefined) details.push(`${spec.name}: found as "${c.heading.text}" (line ${c.heading.line})`);
  }
  if (sequences.length > MAX_SEQUENCES) details.push(`only the first ${MAX_SEQUENCES} of ${sequences.length} step sequences were compared`);
  if (sequences.length > 1) details.push(`${sequences.length} separate step sequences; read the one starting at line ${seq[0]?.heading.line} ("${seq[0]?.heading.text}")`);
  for (const s of skipped) details.push(`not demanded: ${s.name} (the document does not offer the ${FLOW_NAMES[s.flow!]} flow)`);
  if (missing.length) {
    for (const m of missing) {
      const numbered = seq.find((c) => c.step === m.step);
      const elsewhere = sequences.find((q) => q !== seq && q.some((c) => m.matches(c.title)))?.find((c) => m.matches(c.title));
      const why = [
        ...(numbered ? [`line ${numbered.heading.line} "${numbered.heading.text}" has its number but not its subject`] : []),
        ...(elsewhere ? [`only in another step sequence: line ${elsewhere.heading.line} "${elsewhere.heading.text}"`] : []),
      ];
      details.unshift(why.length ? `missing: ${m.name} (${why.join("; ")})` : `missing: ${m.name}`);
    }
    return { verdict: "warn", message: `Missing sections: ${missing.map((m) => m.name).join(", ")}`, details };
  }
  return { verdict: "pass", message: `All ${demanded.length} sections present`, ...(details.length ? { details } : {}) };
}

/** Greedy: each spec takes a heading whose number matches first, then any; a heading serves once. */
function assign(specs: readonly SectionSpec[], candidates: readonly Candidate[]): Map<SectionSpec, Candidate> {
  const used = new Set<Candidate>();
  const found = new Map<SectionSpec, Candidate>();
  for (const pass of ["numbered", "any"] as const) {
    for (const spec of specs) {
      if (found.has(spec)) continue;
      // A step heading serves one step; Errors and Revocation may share a heading with a step ("Use, refresh, revoke").
      const c = candidates.find((c) => (spec.step === undefined || !used.has(c)) && spec.matches(c.title) && (pass === "any" || (spec.step !== undefined && c.step === spec.step)));
      if (c) {
        if (spec.step !== undefined) used.add(c);
        found.set(spec, c);
      }
    }
  }
  return found;
}

export const has = (...words: string[]) => (title: string) => words.some((w) => title.includes(w));
