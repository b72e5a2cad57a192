/**
 * Just enough Markdown structure for the linter: front matter, ATX headings, fenced code blocks
 * and pipe tables, with line numbers. Hand-written because a full CommonMark parser would be a new
 * dependency, and the linter only needs these block shapes (outside fences).
 */
export interface Heading {
  level: number;
  text: string;
  line: number;
}

export interface Fence {
  lang: string;
  content: string;
  /** Line of the opening fence. */
  line: number;
  closed: boolean;
}

export interface Table {
  header: string[];
  rows: string[][];
  line: number;
}

export interface MarkdownDoc {
  text: string;
  lines: string[];
  /** Number of front-matter lines skipped at the top (0 when none). */
  frontMatterLines: number;
  headings: Heading[];
  fences: Fence[];
  tables: Table[];
  /** Text outside fenced blocks (prose, tables, inline code), joined by newlines. */
  prose: string;
}

export function parseMarkdown(input: string): MarkdownDoc {
  const text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  let i = 0;
  let frontMatterLines = 0;
  if (/^(---|\+\+\+)\s*$/.test(lines[0] ?? "")) {
    const marker = lines[0]!.trim();
    const end = lines.findIndex((l, n) => n > 0 && l.trim() === marker);
    if (end > 0) {
      frontMatterLines = end + 1;
      i = end + 1;
    }
  }
  const headings: Heading[] = [];
  const fences: Fence[] = [];
  const tables: Table[] = [];
  const prose: string[] = [];
  while (i < lines.length) {
    const line = lines[i]!;
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
    if (open) {
      const marker = open[1]!;
      const start = i;
      const body: string[] = [];
      i++;
      let closed = false;
      while (i < lines.length) {
        const l = lines[i]!;
        if (l.trim().startsWith(marker[0]!.repeat(marker.length)) && l.trim().replace(new RegExp(`^\\${marker[0]}+`), "").trim() === "") {
          closed = true;
          i++;
          break;
        }
        body.push(l);
        i++;
      }
      fences.push({ lang: open[2]!.toLowerCase(), content: body.join("\n"), line: start + 1, closed });
      continue;
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) headings.push({ level: heading[1]!.length, text: heading[2]!, line: i + 1 });
    if (isTableRow(line) && isDelimiterRow(lines[i + 1] ?? "")) {
      const table: Table = { header: cells(line), rows: [], line: i + 1 };
      prose.push(line, lines[i + 1]!);
      i += 2;
      while (i < lines.length && isTableRow(lines[i]!)) {
        table.rows.push(cells(lines[i]!));
        prose.push(lines[i]!);
        i++;
      }
      tables.push(table);
      continue;
    }
    prose.push(line);
    i++;
  }
  return { text, lines, frontMatterLines, headings, fences, tables, prose: prose.join("\n") };
}

function isTableRow(line: string): boolean {
  return /^\s*\|.*\|\s*$/.test(line) || (line.includes("|") && /\S\s*\|\s*\S/.test(line) && !line.trim().startsWith("#"));
}

function isDelimiterRow(line: string): boolean {
  return /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** 1-based line number of the first match of `pattern` in the text, or undefined. */
export function lineOf(doc: MarkdownDoc, pattern: RegExp): number | undefined {
  const idx = doc.lines.findIndex((l) => pattern.test(l));
  return idx >= 0 ? idx + 1 : undefined;
}
