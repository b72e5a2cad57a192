// Finding URLs in a mail and picking the claim link among them.
//
// Hand-written (a URL regexp and an href regexp with a tiny entity decoder) because the HTML
// parsers that would do this (htmlparser2, he) are only transitive dependencies of mailparser here;
// mail bodies are machine-generated and the claim link is a plain absolute http(s) URL.
import type { MailMessage } from "./types.ts";

const URL_IN_TEXT = /https?:\/\/[^\s<>"'`\[\]{}|\\^]+/gi;
const HREF_ATTRIBUTE = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

/** Every http(s) URL in `text`, then every http(s) href in `html`; de-duplicated, first occurrence wins. */
export function extractLinks(text: string, html?: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) found.push(trimUrl(match[0]));
  if (html !== undefined) {
    for (const match of html.matchAll(HREF_ATTRIBUTE)) {
      const raw = match[1] ?? match[2] ?? match[3] ?? "";
      found.push(decodeHtmlEntities(raw).trim());
    }
  }
  const links: string[] = [];
  for (const candidate of found) {
    if (isHttpUrl(candidate) && !links.includes(candidate)) links.push(candidate);
  }
  return links;
}

/**
 * The link the user would click in a claim mail.
 * Default: the first link with a `token` query parameter or a path containing "claim".
 * With `pattern`: the first link the pattern matches (its `g`/`y` flags are ignored).
 */
export function extractClaimLink(message: MailMessage, pattern?: RegExp): string | undefined {
  if (pattern !== undefined) return message.links.find((link) => link.search(pattern) >= 0);
  return message.links.find(looksLikeClaimLink);
}

function looksLikeClaimLink(link: string): boolean {
  const url = new URL(link);
  return url.searchParams.has("token") || url.pathname.toLowerCase().includes("claim");
}

// A URL at the end of a sentence ("…?token=abc.") or in parentheses must not keep the punctuation.
function trimUrl(url: string): string {
  let trimmed = url.replace(TRAILING_PUNCTUATION, "");
  if (trimmed.endsWith(")") && !trimmed.includes("(")) trimmed = trimmed.slice(0, -1).replace(TRAILING_PUNCTUATION, "");
  return trimmed;
}

function isHttpUrl(candidate: string): boolean {
  if (!/^https?:\/\//i.test(candidate)) return false;
  return URL.canParse(candidate);
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">", nbsp: " " };

// Only what appears in attribute values of generated mail: named basics and numeric references.
function decodeHtmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === "#") {
      const codePoint = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isInteger(codePoint) && codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}
