import { request } from "undici";
import { MockProviderClient } from "../../mock-provider/client.ts";
import type { MailMessageJson, MailboxSettings } from "../harness-services/mailbox-service.ts";
import type { LedgerEntry } from "../harness-services/ledger.ts";
import type { ProviderSettings } from "../harness-services/providers.ts";
import { runtime } from "./runtime.ts";
import { waiting } from "./progress.ts";

/**
 * Suite-side handles on the harness services that live in the CLI process. They talk to loopback
 * control APIs, never to the target, so they do not spend the target's request budget.
 */
export function providerSettings(): ProviderSettings | undefined {
  return runtime().data.settings.provider as ProviderSettings | undefined;
}

export function providerClient(which: "primary" | "second" = "primary"): MockProviderClient | undefined {
  const settings = providerSettings();
  const s = which === "primary" ? settings : settings?.second;
  // What the provider mints or forges is test material: the redactor shows it in clear.
  return s ? new MockProviderClient(s.controlUrl, s.controlToken, { onMinted: (token) => runtime().redactor.markHarnessMinted(token) }) : undefined;
}

export function mailboxSettings(): MailboxSettings | undefined {
  return runtime().data.settings.mailbox as MailboxSettings | undefined;
}

export class MailboxClient {
  constructor(private readonly settings: MailboxSettings) {}

  describe(): string {
    return this.settings.description;
  }

  /** The oldest unread mail to `to` (arrived at/after `after`); rejects with a message naming mailbox and address on timeout. */
  /** `registrationId`: the registration the mail is for (see WaitForMailQuery.registrationId). */
  async waitForMessage(to: string, options: { after?: Date; timeoutMs?: number; registrationId?: string } = {}): Promise<MailMessageJson> {
    const timeoutMs = options.timeoutMs ?? this.settings.waitMs;
    waiting(`mail to ${to} (${this.describe()})`, timeoutMs);
    const result = (await this.call("/wait", { to, after: options.after?.toISOString(), timeoutMs, registrationId: options.registrationId }, timeoutMs + 5_000)) as MailMessageJson;
    // Mail carries bearer secrets (the claim_attempt_token in the link): mask them from now on.
    for (const link of result.links) runtime().redactor.url(link);
    return result;
  }

  async count(to: string, after?: Date, registrationId?: string): Promise<number> {
    const result = (await this.call("/count", { to, after: after?.toISOString(), registrationId }, 10_000)) as { count: number };
    return result.count;
  }

  private async call(path: string, body: unknown, timeoutMs: number): Promise<unknown> {
    const res = await request(`${this.settings.controlUrl}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.settings.controlToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const json = (await res.body.json()) as { result?: unknown; error?: string; message?: string };
    if (res.statusCode !== 200) {
      const err = new Error(json.message ?? `mailbox ${path} failed (${res.statusCode})`) as Error & { code?: string };
      err.code = json.error ?? "mailbox_error";
      throw err;
    }
    return json.result;
  }
}

export function mailboxClient(): MailboxClient | undefined {
  const settings = mailboxSettings();
  return settings ? new MailboxClient(settings) : undefined;
}

/** Record something this run created on the target (see harness-services/ledger.ts). */
export async function recordInLedger(entry: LedgerEntry): Promise<void> {
  const settings = runtime().data.settings.ledger as { controlUrl: string; controlToken: string } | undefined;
  if (!settings) return;
  const res = await request(`${settings.controlUrl}/record`, {
    method: "POST",
    headers: { authorization: `Bearer ${settings.controlToken}`, "content-type": "application/json" },
    body: JSON.stringify({ ...entry, ...(entry.credential ? { credential: runtime().redactor.text(entry.credential) } : {}) }),
  });
  await res.body.dump();
}
