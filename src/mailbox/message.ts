// Building MailMessage values from what the adapters read (raw MIME or loose parts).
import { createHash } from "node:crypto";
import { parseAddressHeader, simpleParser } from "mailparser";
import type { AddressObject, EmailAddress, ParsedMail } from "mailparser";
import { MailboxError } from "./errors.ts";
import { extractLinks } from "./links.ts";
import type { MailMessage } from "./types.ts";

const EMAIL_IN_TEXT = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+/gi;

export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

export function addressesMatch(candidates: readonly string[], wanted: string): boolean {
  const target = normaliseAddress(wanted);
  return candidates.some((address) => normaliseAddress(address) === target);
}

/** Lower-cased, de-duplicated, empty entries dropped. */
export function uniqueAddresses(addresses: Iterable<string>): string[] {
  const unique: string[] = [];
  for (const address of addresses) {
    const normalised = normaliseAddress(address);
    if (normalised !== "" && !unique.includes(normalised)) unique.push(normalised);
  }
  return unique;
}

/** Addresses from a header-like string such as `"A" <a@x.test>, b@x.test` (mailparser does the parsing). */
export function parseAddressList(value: string | readonly string[]): string[] {
  const values = typeof value === "string" ? [value] : [...value];
  return uniqueAddresses(flattenAddresses(parseAddressHeader(values)));
}

/** Email addresses mentioned anywhere in a text (used when a mail file carries no recipient). */
export function addressesMentionedIn(text: string): string[] {
  return uniqueAddresses(text.match(EMAIL_IN_TEXT) ?? []);
}

function flattenAddresses(headers: AddressObject | AddressObject[] | undefined): string[] {
  if (headers === undefined) return [];
  const objects = Array.isArray(headers) ? headers : [headers];
  const out: string[] = [];
  const visit = (entries: EmailAddress[]): void => {
    for (const entry of entries) {
      if (entry.address) out.push(entry.address);
      if (entry.group) visit(entry.group);
    }
  };
  for (const object of objects) visit(object.value);
  return out;
}

/** Parses a raw RFC 5322 message; header recipients (To, Cc, Bcc) are merged with `extraRecipients`. */
export async function messageFromMime(
  raw: Buffer | string,
  meta: { id: string; receivedAt: Date; extraRecipients?: readonly string[]; source: string },
): Promise<MailMessage> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw);
  } catch (error) {
    throw new MailboxError("parse_error", `Could not parse the mail from ${meta.source}: ${String(error)}`, { cause: error });
  }
  const to = uniqueAddresses([
    ...(meta.extraRecipients ?? []),
    ...flattenAddresses(parsed.to),
    ...flattenAddresses(parsed.cc),
    ...flattenAddresses(parsed.bcc),
  ]);
  const html = typeof parsed.html === "string" ? parsed.html : undefined;
  const text = parsed.text ?? "";
  const from = parsed.from === undefined ? undefined : flattenAddresses(parsed.from)[0];
  return buildMessage({ id: meta.id, to, from, subject: parsed.subject ?? "", text, html, receivedAt: meta.receivedAt });
}

/** Builds a message from loose parts; when only HTML is given, the text is derived from it. */
export async function messageFromParts(parts: {
  id: string;
  to: readonly string[];
  from?: string | undefined;
  subject?: string | undefined;
  text?: string | undefined;
  html?: string | undefined;
  receivedAt: Date;
}): Promise<MailMessage> {
  const text = parts.text ?? (parts.html === undefined ? "" : await htmlToText(parts.html));
  return buildMessage({ ...parts, to: uniqueAddresses(parts.to), subject: parts.subject ?? "", text });
}

function buildMessage(parts: {
  id: string;
  to: string[];
  from?: string | undefined;
  subject: string;
  text: string;
  html?: string | undefined;
  receivedAt: Date;
}): MailMessage {
  const message: MailMessage = {
    id: parts.id,
    to: parts.to,
    subject: parts.subject,
    text: parts.text,
    receivedAt: parts.receivedAt,
    links: extractLinks(parts.text, parts.html),
  };
  if (parts.from !== undefined) message.from = parts.from;
  if (parts.html !== undefined) message.html = parts.html;
  return message;
}

// Reuses mailparser's HTML-to-text conversion (html-to-text) by handing it a one-part HTML message,
// rather than stripping tags by hand.
export async function htmlToText(html: string): Promise<string> {
  const parsed = await simpleParser(Buffer.from(`Content-Type: text/html; charset=utf-8\r\n\r\n${html}`, "utf8"));
  return parsed.text ?? "";
}

/** A stable id for sources that give none: a digest of what identifies the message. */
export function contentId(...parts: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}
