import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";

/**
 * The document as the linter reads it: markdown-it (CommonMark + GFM tables) tokens folded into
 * headings, sections, fenced blocks, tables, links, inline code spans and text blocks, each with
 * its 1-based line. Front matter is handled here, before markdown-it sees the text: a block opened
 * by `---`/`+++` on line 1 counts only when it is closed and every line inside looks like YAML/TOML;
 * otherwise it is read as Markdown and reported, so an unclosed block never swallows the document.
 */
export interface Heading {
  level: number;
  text: string;
  line: number;
}

export interface Section {
  heading: Heading;
  /** Lines [startLine, endLine] (1-based, inclusive): the heading down to the next heading of the same or a higher level. */
  startLine: number;
  endLine: number;
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

export interface Link {
  href: string;
  text: string;
  line: number;
}

export interface InlineCode {
  text: string;
  line: number;
}

/** A paragraph, list item, heading or table cell as plain text (inline code kept, markup dropped). */
export interface TextBlock {
  kind: "paragraph" | "list_item" | "heading" | "cell";
  text: string;
  line: number;
}

export interface FrontMatter {
  /** Number of lines of a closed front matter block (0 when none). */
  lines: number;
  /** A line-1 marker that was not a closed, well-formed block: read as Markdown. */
  unclosed?: { line: number; reason: string };
}

export interface MarkdownDoc {
  text: string;
  /** The text in lower case (same offsets for ASCII markers). */
  lower: string;
  lines: string[];
  /** Offset in `text` where each line starts. */
  lineStarts: number[];
  frontMatter: FrontMatter;
  headings: Heading[];
  sections: Section[];
  /** innermost[line] = index in `sections` of the last heading at or above that line (-1 before the first). */
  innermost: Int32Array;
  fences: Fence[];
  tables: Table[];
  links: Link[];
  codes: InlineCode[];
  blocks: TextBlock[];
  /** Text outside fenced and indented code blocks, joined by newlines (line count kept). */
  prose: string;
  /** Parser work: number of markdown-it tokens (for the linear-work property). */
  tokenCount: number;
}

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

export function parseMarkdown(input: string): MarkdownDoc {
  const text = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  const frontMatter = readFrontMatter(lines);
  const lineStarts: number[] = [];
  for (let n = 0, at = 0; n < lines.length; n++) {
    lineStarts.push(at);
    at += lines[n]!.length + 1;
  }
  // Blank out the front matter so markdown-it keeps the line numbers.
  const source = frontMatter.lines > 0 ? `${"\n".repeat(frontMatter.lines)}${lines.slice(frontMatter.lines).join("\n")}` : text;
  const tokens = md.parse(source, {});

  const headings: Heading[] = [];
  const fences: Fence[] = [];
  const tables: Table[] = [];
  const links: Link[] = [];
  const codes: InlineCode[] = [];
  const blocks: TextBlock[] = [];
  const codeRanges: Array<[number, number]> = [];
  let table: Table | undefined;
  let row: string[] | undefined;
  let inHead = false;
  let listDepth = 0;
  let pendingHeading: number | undefined;
  let lastLine = 1;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.map) lastLine = t.map[0] + 1;
    switch (t.type) {
      case "heading_open":
        pendingHeading = Number(t.tag.slice(1));
        break;
      case "fence": {
        const line = t.map![0] + 1;
        const closed = isClosedFence(lines, t);
        fences.push({ lang: (t.info.trim().split(/\s/)[0] ?? "").toLowerCase(), content: t.content.replace(/\n$/, ""), line, closed });
        codeRanges.push([t.map![0], t.map![1]]);
        break;
      }
      case "code_block":
        codeRanges.push([t.map![0], t.map![1]]);
        break;
      case "list_item_open":
        listDepth++;
        break;
      case "list_item_close":
        listDepth--;
        break;
      case "table_open":
        table = { header: [], rows: [], line: t.map![0] + 1 };
        break;
      case "table_close":
        if (table) tables.push(table);
        table = undefined;
        break;
      case "thead_open":
        inHead = true;
        break;
      case "thead_close":
        inHead = false;
        break;
      case "tr_open":
        row = [];
        break;
      case "tr_close":
        if (table && row) (inHead ? table.header.push(...row) : table.rows.push(row));
        row = undefined;
        break;
      case "inline": {
        const plain = inlineText(t, lastLine, links, codes);
        if (pendingHeading !== undefined) {
          headings.push({ level: pendingHeading, text: plain.trim(), line: lastLine });
          blocks.push({ kind: "heading", text: plain, line: lastLine });
          pendingHeading = undefined;
        } else if (row) {
          row.push(plain.trim());
          blocks.push({ kind: "cell", text: plain, line: lastLine });
        } else {
          blocks.push({ kind: listDepth > 0 ? "list_item" : "paragraph", text: plain, line: lastLine });
        }
        break;
      }
    }
  }

  // Each section ends where the next heading of the same or a higher level starts (one pass, a stack).
  const sections: Section[] = headings.map((h) => ({ heading: h, startLine: h.line, endLine: lines.length }));
  const open: Section[] = [];
  for (const s of sections) {
    while (open.length && open[open.length - 1]!.heading.level >= s.heading.level) open.pop()!.endLine = s.startLine - 1;
    open.push(s);
  }
  const innermost = new Int32Array(lines.length + 2).fill(-1);
  for (let n = 0, h = -1; n <= lines.length; n++) {
    while (h + 1 < sections.length && sections[h + 1]!.startLine <= n) h++;
    innermost[n] = h;
  }
  const inCode = new Uint8Array(lines.length);
  for (const [a, b] of codeRanges) inCode.fill(1, a, b);
  const prose = lines.map((l, n) => (inCode[n] || n < frontMatter.lines ? "" : l)).join("\n");
  return { text, lower: text.toLowerCase(), lines, lineStarts, frontMatter, headings, sections, innermost, fences, tables, links, codes, blocks, prose, tokenCount: tokens.length };
}

/** Plain text of an inline token; collects links and code spans on the way. */
function inlineText(t: Token, line: number, links: Link[], codes: InlineCode[]): string {
  let out = "";
  let link: { href: string; start: number } | undefined;
  let offset = 0;
  for (const c of t.children ?? []) {
    switch (c.type) {
      case "text":
      case "html_inline":
        out += c.content;
        break;
      case "code_inline":
        out += `\`${c.content}\``;
        codes.push({ text: c.content, line: line + offset });
        break;
      case "softbreak":
      case "hardbreak":
        out += "\n";
        offset++;
        break;
      case "link_open":
        link = { href: c.attrGet("href") ?? "", start: out.length };
        break;
      case "link_close":
        if (link) links.push({ href: link.href, text: out.slice(link.start), line: line + offset });
        link = undefined;
        break;
      case "image":
        out += c.content;
        break;
    }
  }
  return out;
}

/** markdown-it runs an unclosed fence to the end of the document; its last line is then not a closing marker. */
function isClosedFence(lines: string[], t: Token): boolean {
  const [start, end] = t.map!;
  if (end - 1 <= start) return false;
  const last = (lines[end - 1] ?? "").trim();
  const marker = t.markup[0]!;
  if (last.length < t.markup.length) return false;
  for (const ch of last) if (ch !== marker) return false;
  return true;
}

/** YAML (`key: value`, `- item`, indented continuation, `#` comment) or TOML (`key = value`, `[table]`) lines. */
/** Tested on the line with trailing blanks removed. */
const FRONT_MATTER_LINE = /^(?:$|\s|#|- |[A-Za-z0-9_"'-][A-Za-z0-9_ ."'-]{0,100}(?::(?:\s|$)| ?=)|\[[^\]]{1,100}\]$)/;
const MAX_FRONT_MATTER_LINES = 200;

function readFrontMatter(lines: string[]): FrontMatter {
  const marker = (lines[0] ?? "").trimEnd();
  if (marker !== "---" && marker !== "+++") return { lines: 0 };
  for (let n = 1; n < lines.length && n <= MAX_FRONT_MATTER_LINES; n++) {
    const line = lines[n]!;
    if (line.trimEnd() === marker) return { lines: n + 1 };
    // A Markdown heading ("# Title" then text) or any non-YAML line ends the attempt.
    if (/^#{1,6} /.test(line) || !FRONT_MATTER_LINE.test(line.trimEnd())) {
      return { lines: 0, unclosed: { line: 1, reason: `line ${n + 1} is not front matter (${JSON.stringify(shorten(line, 60))}) and no closing ${marker} came before it` } };
    }
  }
  return { lines: 0, unclosed: { line: 1, reason: `no closing ${marker} within ${Math.min(lines.length, MAX_FRONT_MATTER_LINES)} lines` } };
}

export function shorten(s: string, max = 160): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** The section a line belongs to (the innermost heading above it), if any. */
export function sectionAt(doc: MarkdownDoc, line: number): Section | undefined {
  const i = doc.innermost[line] ?? -1;
  return i >= 0 ? doc.sections[i] : undefined;
}

/** Items of `list` whose line falls in the section. */
export function within<T extends { line: number }>(list: readonly T[], section: Section): T[] {
  return list.filter((x) => x.line >= section.startLine && x.line <= section.endLine);
}
