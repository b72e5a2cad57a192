// Reads a service's test outbox over HTTP: GET <url template> → JSON messages, or an HTML page.
//
// The URL may name the wait: `{to}` or `{email}` (the URL-encoded recipient) and `{registration_id}`
// (the registration the mail is for; a wait that does not know it fails with bad_config).
// Accepted bodies:
//   - JSON: an array of messages, or {messages: [...]}, or one message object; each message is
//     {id?, to: string | string[], from?, subject?, text?, html?, receivedAt?: date string | epoch ms};
//   - HTML (Content-Type text/html, or a body starting with "<"): the page is the mail itself, as a
//     service without real mail shows "the last mail" of a registration. Its recipients are the
//     addresses it mentions, else the awaited one when the URL names it ({to}/{email}) or names the
//     registration; its links (the claim link) come from its hrefs and text.
// A single message or page per URL is a store keeping one mail per place: a page rewritten by a
// re-send is a new message, the version seen before stays (marked overwritten), and a wait that
// came too late fails with `mail_overwritten`. A 404 from a templated URL is "no mail yet".
// Without receivedAt, the time this adapter first saw the message is used; without id, a digest
// of the message's content identifies it. Messages are filtered by recipient here too.
import { z } from "zod";
import { MailboxError } from "./errors.ts";
import { getOptionalDocument } from "./http-json.ts";
import { addressesMentionedIn, contentId, messageFromParts, parseAddressList } from "./message.ts";
import { PollingMailbox } from "./polling.ts";
import { SlotHistory } from "./slots.ts";
import type { MailMessage, WaitForMailQuery } from "./types.ts";

export interface HttpMailboxOptions {
  /** May contain `{to}` / `{email}` (the URL-encoded recipient) and `{registration_id}`. */
  url: string;
  headers: Record<string, string>;
  requestTimeoutMs: number;
}

const RECIPIENT_PLACEHOLDERS = ["{to}", "{email}"] as const;
const REGISTRATION_PLACEHOLDER = "{registration_id}";

/** The URL for one wait; bad_config when it needs a registration id the wait does not give. */
export function outboxUrl(template: string, to: string, registrationId: string | undefined): string {
  let url = template;
  for (const p of RECIPIENT_PLACEHOLDERS) url = url.replaceAll(p, encodeURIComponent(to));
  if (url.includes(REGISTRATION_PLACEHOLDER)) {
    if (registrationId === undefined || registrationId === "") {
      throw new MailboxError("bad_config", `The http mailbox URL ${template} needs {registration_id}, and this wait for ${to} does not know the registration`, { field: "url" });
    }
    url = url.replaceAll(REGISTRATION_PLACEHOLDER, encodeURIComponent(registrationId));
  }
  return url;
}

const outboxMessageSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  to: z.union([z.string(), z.array(z.string())]),
  from: z.string().optional(),
  subject: z.string().optional(),
  text: z.string().optional(),
  html: z.string().optional(),
  receivedAt: z.union([z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not a date"), z.number()]).optional(),
});
// A bare array is read as {messages: [...]}, one message object as {messages: [it]}, so a bad entry
// is reported at "messages.<i>.<field>".
const outboxSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { messages: value } : typeof value === "object" && value !== null && "to" in value && !("messages" in value) ? { messages: [value], single: true } : value),
  z.looseObject({ messages: z.array(outboxMessageSchema), single: z.boolean().optional() }),
);
type OutboxMessage = z.infer<typeof outboxMessageSchema>;

function looksLikeHtml(text: string, contentType: string): boolean {
  return /html/i.test(contentType) || (!/json/i.test(contentType) && text.trimStart().startsWith("<"));
}

export class HttpMailbox extends PollingMailbox {
  readonly kind = "http" as const;
  private readonly firstSeen = new Map<string, Date>();
  private readonly built = new Map<string, MailMessage>();
  private readonly slots = new SlotHistory();

  constructor(private readonly options: HttpMailboxOptions) {
    super();
  }

  describe(): string {
    return `http outbox ${this.options.url}`;
  }

  protected async listFor(to: string, signal: AbortSignal, registrationId?: string): Promise<MailMessage[]> {
    const url = outboxUrl(this.options.url, to, registrationId);
    const templated = url !== this.options.url;
    const got = await getOptionalDocument(url, { headers: this.options.headers, timeoutMs: this.options.requestTimeoutMs, signal }, "application/json, text/html;q=0.9", templated);
    if (got === undefined || got.text.trim() === "") return this.slots.observe([]);
    if (looksLikeHtml(got.text, got.contentType)) return this.slots.observe([await this.page(url, got.text, to)]);
    let json: unknown;
    try {
      json = JSON.parse(got.text);
    } catch (error) {
      throw new MailboxError("parse_error", `GET ${url} returned neither JSON nor an HTML page: ${String(error)}`, { cause: error });
    }
    const result = outboxSchema.safeParse(json);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new MailboxError(
        "parse_error",
        `GET ${url} did not return [{to, subject, text, html, receivedAt}], {messages: [...]}, one such message or an HTML page: ${issue?.message ?? "invalid"}`,
        { field: issue?.path.join(".") ?? "messages" },
      );
    }
    const messages: MailMessage[] = [];
    for (const entry of result.data.messages) messages.push(await this.toMessage(entry, result.data.single ? url : undefined));
    return this.slots.observe(messages);
  }

  protected async load(message: MailMessage): Promise<MailMessage> {
    return message;
  }

  protected override overwrittenBy(query: WaitForMailQuery): string | undefined {
    return this.slots.overwrittenFor(query.to, query.registrationId);
  }

  /** An HTML page that is the mail: its recipients are the addresses it mentions, else the awaited one. */
  private async page(url: string, html: string, to: string): Promise<MailMessage> {
    const id = contentId(url, html);
    const cached = this.built.get(id);
    if (cached !== undefined) return cached;
    const message = await messageFromParts({ id, to: [], html, receivedAt: this.receivedAt(id, undefined) });
    const mentioned = addressesMentionedIn(message.text);
    message.to = mentioned.length ? mentioned : [to.trim().toLowerCase()];
    message.subject = /<title>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() ?? "";
    message.slot = url;
    this.built.set(id, message);
    return message;
  }

  private async toMessage(entry: OutboxMessage, slot: string | undefined): Promise<MailMessage> {
    const id =
      entry.id === undefined
        ? contentId(entry.to, entry.from, entry.subject, entry.text, entry.html, entry.receivedAt)
        : String(entry.id);
    const cached = this.built.get(id);
    if (cached !== undefined) return cached;
    const message = await messageFromParts({
      id,
      to: parseAddressList(entry.to),
      from: entry.from,
      subject: entry.subject,
      text: entry.text,
      html: entry.html,
      receivedAt: this.receivedAt(id, entry.receivedAt),
    });
    if (slot !== undefined) message.slot = slot;
    this.built.set(id, message);
    return message;
  }

  private receivedAt(id: string, declared: string | number | undefined): Date {
    if (declared !== undefined) return new Date(declared);
    const seen = this.firstSeen.get(id) ?? new Date();
    this.firstSeen.set(id, seen);
    return seen;
  }
}
