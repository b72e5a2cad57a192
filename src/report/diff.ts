import { readFile } from "node:fs/promises";
import { HarnessError } from "../errors.ts";
import { decisiveExchange } from "./evidence.ts";
import type { CheckResult, CheckStatus, Report } from "./model.ts";

/** What changed between two runs (`diff <old.json> <new.json>`). */
export interface StatusChange {
  id: string;
  level: string;
  from: CheckStatus | "absent";
  to: CheckStatus | "absent";
  message: string;
}

export interface EvidenceChange {
  id: string;
  status: CheckStatus;
  /** Human-readable "what: before → after" lines. */
  changes: string[];
}

export interface ReportDiff {
  old: { target: string; startedAt: string; verdict: string };
  new: { target: string; startedAt: string; verdict: string };
  /** Was not failing (pass, warn, skip, absent), now fail, blocked or error. */
  newFailures: StatusChange[];
  /** Was fail, blocked or error, now pass. */
  fixed: StatusChange[];
  /** Every other status change (pass→warn, fail→skip, …). */
  statusChanges: StatusChange[];
  /** Same non-pass status, different evidence (message, decisive status code, actual value, pointer). */
  evidenceChanges: EvidenceChange[];
  /** Ids only in the new report / only in the old one. */
  added: string[];
  removed: string[];
}

const FAILING: readonly CheckStatus[] = ["fail", "blocked", "error"];

export function diffReports(before: Report, after: Report): ReportDiff {
  const oldById = new Map(before.checks.map((c) => [c.id, c]));
  const newById = new Map(after.checks.map((c) => [c.id, c]));
  const diff: ReportDiff = {
    old: { target: before.target?.url ?? "?", startedAt: before.startedAt ?? "?", verdict: before.verdict ?? "?" },
    new: { target: after.target?.url ?? "?", startedAt: after.startedAt ?? "?", verdict: after.verdict ?? "?" },
    newFailures: [],
    fixed: [],
    statusChanges: [],
    evidenceChanges: [],
    added: after.checks.filter((c) => !oldById.has(c.id)).map((c) => c.id),
    removed: before.checks.filter((c) => !newById.has(c.id)).map((c) => c.id),
  };
  const ids = [...new Set([...before.checks.map((c) => c.id), ...after.checks.map((c) => c.id)])];
  for (const id of ids) {
    const was = oldById.get(id);
    const now = newById.get(id);
    const from = was?.status ?? "absent";
    const to = now?.status ?? "absent";
    if (from !== to) {
      const change: StatusChange = { id, level: (now ?? was)!.level, from, to, message: oneLine(now?.message ?? "") };
      const wasFailing = from !== "absent" && FAILING.includes(from);
      const isFailing = to !== "absent" && FAILING.includes(to);
      if (isFailing && !wasFailing) diff.newFailures.push(change);
      else if (wasFailing && to === "pass") diff.fixed.push(change);
      else diff.statusChanges.push(change);
      continue;
    }
    if (was && now && now.status !== "pass") {
      const changes = evidenceDifferences(was, now);
      if (changes.length) diff.evidenceChanges.push({ id, status: now.status, changes });
    }
  }
  return diff;
}

function evidenceDifferences(was: CheckResult, now: CheckResult): string[] {
  const out: string[] = [];
  if (oneLine(was.message) !== oneLine(now.message)) out.push(`message: ${quote(was.message)} → ${quote(now.message)}`);
  const before = decisiveExchange(was);
  const after = decisiveExchange(now);
  const line = (x: typeof before) => (x ? `${x.method} ${stripOrigin(x.url)} → ${x.status ?? x.error?.code ?? "no answer"}` : "none");
  if (line(before) !== line(after)) out.push(`decisive request: ${line(before)} → ${line(after)}`);
  const a = was.evidence?.details;
  const b = now.evidence?.details;
  if (JSON.stringify(a?.actual) !== JSON.stringify(b?.actual)) out.push(`actual: ${short(a?.actual)} → ${short(b?.actual)}`);
  if (a?.pointer !== b?.pointer) out.push(`pointer: ${a?.pointer ?? "none"} → ${b?.pointer ?? "none"}`);
  return out;
}

/** Ports of loopback targets change every run; compare paths, not origins. */
function stripOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

function oneLine(s: string): string {
  // Loopback ports differ between runs; they are not a change worth reporting.
  return s.replace(/\s+/g, " ").replace(/(127\.0\.0\.1|localhost|\[::1\]):\d+/g, "$1:PORT").trim();
}

function quote(s: string): string {
  const t = oneLine(s);
  return `"${t.length > 140 ? `${t.slice(0, 140)}…` : t}"`;
}

function short(v: unknown): string {
  if (v === undefined) return "none";
  const s = oneLine(JSON.stringify(v) ?? String(v));
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

export function renderDiff(diff: ReportDiff): string {
  const lines = [
    `old: ${diff.old.target} at ${diff.old.startedAt} (${diff.old.verdict})`,
    `new: ${diff.new.target} at ${diff.new.startedAt} (${diff.new.verdict})`,
    "",
  ];
  const section = (title: string, items: StatusChange[]) => {
    lines.push(`${title} (${items.length})`);
    for (const c of items) lines.push(`  ${c.id.padEnd(16)} ${c.level.padEnd(6)} ${c.from} → ${c.to}${c.message ? `  ${c.message.slice(0, 160)}` : ""}`);
  };
  section("New failures", diff.newFailures);
  section("Fixed", diff.fixed);
  section("Other status changes", diff.statusChanges);
  lines.push(`Changed evidence (${diff.evidenceChanges.length})`);
  for (const e of diff.evidenceChanges) {
    lines.push(`  ${e.id} (${e.status})`);
    for (const c of e.changes) lines.push(`    ${c}`);
  }
  if (diff.added.length) lines.push(`Only in new: ${diff.added.join(", ")}`);
  if (diff.removed.length) lines.push(`Only in old: ${diff.removed.join(", ")}`);
  const total = diff.newFailures.length + diff.fixed.length + diff.statusChanges.length + diff.evidenceChanges.length;
  lines.push("", total === 0 ? "No changes." : `${total} change(s).`);
  return `${lines.join("\n")}\n`;
}

export async function readReportFile(file: string): Promise<Report> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new HarnessError("usage", `Cannot read report ${file}: ${(err as Error).message}`, "report");
  }
  if (typeof doc !== "object" || doc === null || !Array.isArray((doc as { checks?: unknown }).checks)) {
    throw new HarnessError("usage", `${file} is not a report.json (no checks array)`, "report");
  }
  return doc as Report;
}
