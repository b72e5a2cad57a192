// Reads a service's test outbox over HTTP: GET <url with {to}> → JSON messages.
// Accepted bodies: an array of messages, or {messages: [...]}; each message is
//   {id?, to: string | string[], from?, subject?, text?, html?, receivedAt?: date string | epoch ms}.
// Without receivedAt, the time this adapter first saw the message is used; without id, a digest
// of the message's content identifies it. Messages are filtered by recipient here too, so the
// endpoint may ignore `{to}`.
import { z } from "zod";
import { MailboxError } from "./errors.ts";
import { getJson } from "./http-json.ts";
import { contentId, messageFromParts, parseAddressList } from "./message.ts";
import { PollingMailbox } from "./polling.ts";
import type { MailMessage } from "./types.ts";

export interface HttpMailboxOptions {
  /** May contain `{to}`, replaced by the URL-encoded recipient. */
  url: string;
  headers: Record<string, string>;
  requestTimeoutMs: number;
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
// A bare array is read as {messages: [...]}, so a bad entry is reported at "messages.<i>.<field>".
const outboxSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { messages: value } : value),
  z.looseObject({ messages: z.array(outboxMessageSchema) }),
);
type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export class HttpMailbox extends PollingMailbox {
  readonly kind = "http" as const;
  private readonly firstSeen = new Map<string, Date>();
  private readonly built = new Map<string, MailMessage>();

  constructor(private readonly options: HttpMailboxOptions) {
    super();
  }

  describe(): string {
    return `http outbox ${this.options.url}`;
  }

  protected async listFor(to: string, signal: AbortSignal): Promise<MailMessage[]> {
    const url = this.options.url.replaceAll("{to}", encodeURIComponent(to));
    const json = await getJson(url, { headers: this.options.headers, timeoutMs: this.options.requestTimeoutMs, signal });
    const result = outboxSchema.safeParse(json);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new MailboxError(
        "parse_error",
        `GET ${url} did not return [{to, subject, text, html, receivedAt}] or {messages: [...]}: ${issue?.message ?? "invalid"}`,
        { field: issue?.path.join(".") ?? "messages" },
      );
    }
    const messages: MailMessage[] = [];
    for (const entry of result.data.messages) messages.push(await this.toMessage(entry));
    return messages;
  }

  protected async load(message: MailMessage): Promise<MailMessage> {
    return message;
  }

  private async toMessage(entry: OutboxMessage): Promise<MailMessage> {
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
