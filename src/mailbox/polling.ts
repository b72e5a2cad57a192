// The wait/consume/count logic shared by every adapter that can look at a mail store repeatedly.
// Adapters supply `listFor` (cheap summaries of the messages for one address) and `load`
// (the full message for one summary); this class owns ordering, consumption, bounds and close().
import { MailboxError, isMailboxError } from "./errors.ts";
import { addressesMatch } from "./message.ts";
import type { MailMessage, Mailbox, MailboxKind, WaitForMailQuery } from "./types.ts";

export interface MessageSummary {
  id: string;
  to: string[];
  receivedAt: Date;
}

export const DEFAULT_POLL_INTERVAL_MS = 250;
const MIN_POLL_INTERVAL_MS = 10;
const MAX_POLL_INTERVAL_MS = 5_000;
// Early wake-ups (new SMTP mail) may add polls beyond timeout/interval; this caps them anyway.
const EXTRA_POLLS_ALLOWED = 1_000;

export abstract class PollingMailbox<Summary extends MessageSummary = MailMessage> implements Mailbox {
  abstract readonly kind: MailboxKind;
  abstract describe(): string;

  /** Messages addressed to `to` (the adapter may return more; they are filtered again here). */
  protected abstract listFor(to: string, signal: AbortSignal, registrationId?: string): Promise<Summary[]>;
  /**
   * After a wait found nothing: what now holds the place the awaited mail would have had, when
   * the store keeps one mail per registration and a later mail replaced it (undefined otherwise).
   */
  protected overwrittenBy(_query: WaitForMailQuery): string | undefined {
    return undefined;
  }
  /** The full message for a summary returned by `listFor`. */
  protected abstract load(summary: Summary, signal: AbortSignal): Promise<MailMessage>;
  /** Releases the adapter's own resources. */
  protected async release(): Promise<void> {}

  private readonly consumed = new Set<string>();
  private readonly closeController = new AbortController();
  private readonly wakeListeners = new Set<() => void>();
  private closing: Promise<void> | undefined;

  async waitForMessage(query: WaitForMailQuery): Promise<MailMessage> {
    validateQuery(query);
    this.assertOpen();
    const intervalMs = clamp(query.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, MIN_POLL_INTERVAL_MS, MAX_POLL_INTERVAL_MS);
    const startedAt = performance.now();
    const deadline = startedAt + query.timeoutMs;
    const maxPolls = Math.ceil(query.timeoutMs / intervalMs) + 1 + EXTRA_POLLS_ALLOWED;
    let lastError: unknown;

    for (let poll = 0; poll < maxPolls; poll++) {
      const remainingMs = Math.max(1, Math.ceil(deadline - performance.now()));
      const signal = AbortSignal.any([this.closeController.signal, AbortSignal.timeout(remainingMs)]);
      try {
        const found = await this.takeOldest(query, signal);
        if (found !== undefined) return found;
        lastError = undefined;
      } catch (error) {
        this.assertOpen();
        if (isMailboxError(error) && error.code !== "mailbox_unavailable") throw error;
        // A read cut short by the deadline is a plain timeout, not an unavailable store.
        if (!signal.aborted) lastError = error;
      }
      this.assertOpen();
      const elapsedMs = performance.now() - startedAt;
      query.onProgress?.(elapsedMs);
      if (elapsedMs >= query.timeoutMs) break;
      await this.pause(Math.min(intervalMs, deadline - performance.now()));
      this.assertOpen();
    }

    if (lastError !== undefined) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new MailboxError(
        "mailbox_unavailable",
        `Could not read mail for ${query.to} from ${this.describe()} within ${query.timeoutMs} ms: ${reason}`,
        { cause: lastError },
      );
    }
    const overwritten = this.overwrittenBy(query);
    if (overwritten !== undefined) {
      throw new MailboxError(
        "mail_overwritten",
        `The mail for ${query.to} was overwritten before it could be read: ${overwritten}. The store keeps one mail per registration, and a later mail (a re-send) replaced it; it was sent, not lost`,
        { field: "to" },
      );
    }
    throw new MailboxError(
      "mail_timeout",
      `No mail for ${query.to} arrived at ${this.describe()} within ${query.timeoutMs} ms`,
      { field: "to" },
    );
  }

  async count(query: { to: string; after?: Date; registrationId?: string }): Promise<number> {
    validateAddress(query.to);
    this.assertOpen();
    const summaries = await this.matching(query.to, query.after, this.closeController.signal, query.registrationId);
    return summaries.length;
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      this.closeController.abort();
      for (const wake of this.wakeListeners) wake();
      this.closing = this.release();
    }
    return this.closing;
  }

  /** Adapters that learn of new mail (e.g. the SMTP sink) call this to cut the current pause short. */
  protected wake(): void {
    for (const wake of this.wakeListeners) wake();
  }

  protected get isClosed(): boolean {
    return this.closeController.signal.aborted;
  }

  private async takeOldest(query: WaitForMailQuery, signal: AbortSignal): Promise<MailMessage | undefined> {
    const summaries = await this.matching(query.to, query.after, signal, query.registrationId);
    for (const summary of summaries) {
      if (this.consumed.has(summary.id)) continue;
      const message = await this.load(summary, signal);
      // A concurrent wait may have taken it while this one was loading; then try the next.
      if (this.consumed.has(summary.id)) continue;
      this.consumed.add(summary.id);
      return message;
    }
    return undefined;
  }

  /** Matches for `to` at/after `after`, oldest first (ties keep the adapter's order). */
  private async matching(to: string, after: Date | undefined, signal: AbortSignal, registrationId?: string): Promise<Summary[]> {
    const listed = await this.listFor(to, signal, registrationId);
    const matches = listed.filter(
      (summary) => addressesMatch(summary.to, to) && (after === undefined || summary.receivedAt.getTime() >= after.getTime()),
    );
    return matches
      .map((summary, index) => ({ summary, index }))
      .sort((a, b) => a.summary.receivedAt.getTime() - b.summary.receivedAt.getTime() || a.index - b.index)
      .map(({ summary }) => summary);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeListeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.wakeListeners.add(done);
    });
  }

  private assertOpen(): void {
    if (this.isClosed) throw new MailboxError("mailbox_unavailable", `${this.describe()} is closed`);
  }
}

function validateQuery(query: WaitForMailQuery): void {
  validateAddress(query.to);
  if (!Number.isFinite(query.timeoutMs) || query.timeoutMs < 0) {
    throw new MailboxError("bad_config", `timeoutMs must be a finite number >= 0, got ${query.timeoutMs}`, { field: "timeoutMs" });
  }
  if (query.pollIntervalMs !== undefined && !(Number.isFinite(query.pollIntervalMs) && query.pollIntervalMs > 0)) {
    throw new MailboxError("bad_config", `pollIntervalMs must be a positive number, got ${query.pollIntervalMs}`, {
      field: "pollIntervalMs",
    });
  }
}

export function validateAddress(to: string): void {
  if (typeof to !== "string" || to.trim() === "") {
    throw new MailboxError("bad_config", "The recipient address `to` must be a non-empty string", { field: "to" });
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
