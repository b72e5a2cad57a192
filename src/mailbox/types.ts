// Shapes shared by every mailbox adapter.

/** One mail the service under test sent to the (simulated) user. */
export interface MailMessage {
  /** Adapter-specific, stable identity (used to mark the message consumed). */
  id: string;
  /** Recipient addresses, lower-cased and de-duplicated. */
  to: string[];
  from?: string;
  subject: string;
  text: string;
  html?: string;
  /** When the harness (or the mail store) saw the message arrive. */
  receivedAt: Date;
  /** Every http(s) URL found in `text`, then in `html` hrefs; de-duplicated, in order. */
  links: string[];
  /**
   * Where the store keeps it, when it keeps one mail per place (a file, a page per registration):
   * a later mail there replaces it. Undefined for stores that keep every mail.
   */
  slot?: string;
  /** Seen earlier, since replaced in its slot by a later mail (kept, so it still counts as sent). */
  overwritten?: true;
}

export interface WaitForMailQuery {
  /** Recipient, compared case-insensitively. */
  to: string;
  /** Only messages received at or after this instant. */
  after?: Date;
  /** Upper bound on the whole wait. */
  timeoutMs: number;
  /**
   * The registration the mail is for, when known: the http adapter fills `{registration_id}` in
   * its URL with it, and a store keeping one mail per registration reports a mail a later one
   * overwrote (MailboxError `mail_overwritten`) instead of a plain timeout.
   */
  registrationId?: string;
  /** Pause between polls; default 250 ms. */
  pollIntervalMs?: number;
  /** Called after each poll that found nothing, with the time waited so far. */
  onProgress?: (elapsedMs: number) => void;
}

export type MailboxKind = "smtp" | "directory" | "http" | "mailpit" | "manual";

export interface Mailbox {
  readonly kind: MailboxKind;
  /** Human-readable location, e.g. "smtp sink on 127.0.0.1:2525"; used in timeout messages. */
  describe(): string;
  /**
   * Resolves with the oldest unconsumed message for `query.to` and marks it consumed,
   * so the next call returns the next one in arrival order.
   */
  waitForMessage(query: WaitForMailQuery): Promise<MailMessage>;
  /** How many messages arrived for that address (consumed or not). */
  count(query: { to: string; after?: Date; registrationId?: string }): Promise<number>;
  /** Releases sockets/servers; pending waits reject with `mailbox_unavailable`. */
  close(): Promise<void>;
}
