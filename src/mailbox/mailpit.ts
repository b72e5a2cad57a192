// Reads mail from a Mailpit server (https://mailpit.axllent.org/docs/api-v1/), or from MailHog's v2 API.
// Mailpit: GET {baseUrl}/api/v1/messages?limit=N lists the newest N summaries
// (ID, To[].Address, Cc, Bcc, Created); GET {baseUrl}/api/v1/message/{ID} gives Text and HTML.
// MailHog: GET {baseUrl}/api/v2/search?kind=to&query={to}&limit=N gives items with the raw
// message (Raw.Data, Raw.To envelope recipients, Created), parsed with mailparser.
// Only the newest `pageSize` messages are looked at on each poll.
import { z } from "zod";
import { MailboxError } from "./errors.ts";
import { getJson } from "./http-json.ts";
import { messageFromMime, messageFromParts, parseAddressList, uniqueAddresses } from "./message.ts";
import { PollingMailbox } from "./polling.ts";
import type { MessageSummary } from "./polling.ts";
import type { MailMessage } from "./types.ts";

export interface MailpitMailboxOptions {
  baseUrl: string;
  api: "mailpit" | "mailhog";
  headers: Record<string, string>;
  requestTimeoutMs: number;
  pageSize: number;
}

const address = z.looseObject({ Address: z.string() });
const addressList = z.array(address).nullish();
const dateString = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not a date");

const mailpitListSchema = z.looseObject({
  messages: z.array(
    z.looseObject({ ID: z.string(), To: addressList, Cc: addressList, Bcc: addressList, Created: dateString }),
  ),
});
const mailpitMessageSchema = z.looseObject({
  ID: z.string(),
  From: address.nullish(),
  To: addressList,
  Cc: addressList,
  Bcc: addressList,
  Subject: z.string().nullish(),
  Text: z.string().nullish(),
  HTML: z.string().nullish(),
});
const mailhogSearchSchema = z.looseObject({
  items: z.array(
    z.looseObject({
      ID: z.string(),
      Created: dateString,
      Raw: z.looseObject({ To: z.array(z.string()).nullish(), Data: z.string() }),
      Content: z.looseObject({ Headers: z.record(z.string(), z.array(z.string())).nullish() }).nullish(),
    }),
  ),
});

interface StoreSummary extends MessageSummary {
  /** MailHog hands over the raw message in the listing. */
  raw?: string;
}

export class MailpitMailbox extends PollingMailbox<StoreSummary> {
  readonly kind = "mailpit" as const;
  private readonly loaded = new Map<string, MailMessage>();

  constructor(private readonly options: MailpitMailboxOptions) {
    super();
  }

  describe(): string {
    return `${this.options.api} at ${this.options.baseUrl}`;
  }

  protected async listFor(to: string, signal: AbortSignal): Promise<StoreSummary[]> {
    const summaries = this.options.api === "mailpit" ? await this.listMailpit(signal) : await this.listMailhog(to, signal);
    // Both APIs list newest first; arrival order is oldest first.
    return summaries.reverse();
  }

  protected async load(summary: StoreSummary, signal: AbortSignal): Promise<MailMessage> {
    const cached = this.loaded.get(summary.id);
    if (cached !== undefined) return cached;
    const message =
      summary.raw !== undefined
        ? await messageFromMime(summary.raw, {
            id: summary.id,
            receivedAt: summary.receivedAt,
            extraRecipients: summary.to,
            source: this.describe(),
          })
        : await this.loadMailpit(summary, signal);
    this.loaded.set(summary.id, message);
    return message;
  }

  private async listMailpit(signal: AbortSignal): Promise<StoreSummary[]> {
    const url = `${this.base()}/api/v1/messages?start=0&limit=${this.options.pageSize}`;
    const list = parseWith(mailpitListSchema, await this.get(url, signal), url);
    return list.messages.map((entry) => ({
      id: entry.ID,
      to: uniqueAddresses([...addresses(entry.To), ...addresses(entry.Cc), ...addresses(entry.Bcc)]),
      receivedAt: new Date(entry.Created),
    }));
  }

  private async loadMailpit(summary: StoreSummary, signal: AbortSignal): Promise<MailMessage> {
    const url = `${this.base()}/api/v1/message/${encodeURIComponent(summary.id)}`;
    const detail = parseWith(mailpitMessageSchema, await this.get(url, signal), url);
    return messageFromParts({
      id: summary.id,
      to: [...summary.to, ...addresses(detail.To), ...addresses(detail.Cc), ...addresses(detail.Bcc)],
      from: detail.From?.Address,
      subject: detail.Subject ?? "",
      // Mailpit derives Text from HTML itself when a mail has no text part; "" means nothing usable.
      text: detail.Text || undefined,
      html: detail.HTML || undefined,
      receivedAt: summary.receivedAt,
    });
  }

  private async listMailhog(to: string, signal: AbortSignal): Promise<StoreSummary[]> {
    const url = `${this.base()}/api/v2/search?kind=to&query=${encodeURIComponent(to)}&start=0&limit=${this.options.pageSize}`;
    const result = parseWith(mailhogSearchSchema, await this.get(url, signal), url);
    return result.items.map((item) => ({
      id: item.ID,
      // MailHog's search is a substring match, so recipients are checked again: envelope (Raw.To) and headers.
      to: uniqueAddresses([
        ...(item.Raw.To ?? []),
        ...parseAddressList(item.Content?.Headers?.["To"] ?? []),
        ...parseAddressList(item.Content?.Headers?.["Cc"] ?? []),
      ]),
      receivedAt: new Date(item.Created),
      raw: item.Raw.Data,
    }));
  }

  private get(url: string, signal: AbortSignal): Promise<unknown> {
    return getJson(url, { headers: this.options.headers, timeoutMs: this.options.requestTimeoutMs, signal });
  }

  private base(): string {
    return this.options.baseUrl.replace(/\/+$/, "");
  }
}

function addresses(list: ReadonlyArray<{ Address: string }> | null | undefined): string[] {
  return (list ?? []).map((entry) => entry.Address);
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown, url: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new MailboxError("parse_error", `GET ${url} returned an unexpected shape: ${issue?.message ?? "invalid"}`, {
    field: issue?.path.join(".") ?? "",
  });
}
