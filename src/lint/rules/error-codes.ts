import { type Section, within } from "../markdown.ts";
import type { LintContext } from "./types.ts";

/**
 * The error codes a document lists: words in the code/error column of its tables, and inline code
 * spans in its Errors section(s). Split on non-code characters (no regular-expression backtracking).
 */
export interface ListedCodes {
  codes: Map<string, number>;
  /** Where the list is (first table or Errors section), for the finding's line. */
  line?: number;
  hasList: boolean;
}

export function errorSections(ctx: LintContext): Section[] {
  return ctx.doc.sections.filter((s) => s.heading.text.toLowerCase().includes("error"));
}

export function listedCodes(ctx: LintContext, known: ReadonlySet<string>): ListedCodes {
  const codes = new Map<string, number>();
  const add = (word: string, line: number) => {
    if (word.length > 60 || !/^[a-z]/.test(word)) return;
    if ((word.includes("_") || known.has(word)) && !codes.has(word)) codes.set(word, line);
  };
  const tables = ctx.doc.tables.filter((t) => t.header.some((h) => /code|error/i.test(h)));
  for (const table of tables) {
    const col = Math.max(0, table.header.findIndex((h) => /code|error/i.test(h)));
    table.rows.forEach((row, n) => {
      for (const w of (row[col] ?? "").toLowerCase().split(/[^a-z0-9_]+/)) add(w, table.line + 2 + n);
    });
  }
  const sections = errorSections(ctx);
  // Without a table, the code spans of the Errors section are the list (with one, they are field names in the prose).
  if (tables.length === 0) for (const s of sections) for (const c of within(ctx.doc.codes, s)) for (const w of c.text.toLowerCase().split(/[^a-z0-9_]+/)) add(w, c.line);
  const line = tables[0]?.line ?? sections[0]?.startLine;
  return { codes, hasList: tables.length > 0 || codes.size > 0, ...(line ? { line } : {}) };
}
