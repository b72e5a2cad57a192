// The human fallback: the user reads the claim mail in their own inbox and pastes what they see.
// A pasted link (or a pasted mail text containing links) becomes a message whose `text` is the
// pasted line and whose `links` are the URLs in it. A pasted 6-digit code becomes a message whose
// `text` is just the code and whose `links` are [] — the caller then skips the browser step and
// uses the code as the OTP directly.
// It cannot see the inbox, so count() returns how many answers were pasted for the address.
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Interface } from "node:readline";
import { MailboxError } from "./errors.ts";
import { extractLinks } from "./links.ts";
import { normaliseAddress, uniqueAddresses } from "./message.ts";
import { validateAddress } from "./polling.ts";
import type { MailMessage, Mailbox, WaitForMailQuery } from "./types.ts";

export interface ManualMailboxOptions {
  /** Where the answer is read from; default process.stdin. Must be a TTY. */
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Where the prompt goes; default process.stderr, keeping stdout clean for reports. */
  output?: NodeJS.WritableStream;
}

interface LineWaiter {
  resolve(line: string): void;
  reject(error: unknown): void;
}

const MAX_QUEUED_LINES = 100;
const OTP_CODE = /^\d{6}$/;
// Re-asks after an answer that is neither a link nor a code, within the same time bound.
const MAX_ATTEMPTS = 3;

export class ManualMailbox implements Mailbox {
  readonly kind = "manual" as const;
  private readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  private readonly output: NodeJS.WritableStream;
  private readonly closeController = new AbortController();
  private readonly answers: MailMessage[] = [];
  private reader: Interface | undefined;
  private readonly queuedLines: string[] = [];
  private readonly lineWaiters = new Set<LineWaiter>();
  private inputEnded = false;

  constructor(options: ManualMailboxOptions = {}) {
    this.input = options.input ?? process.stdin;
    this.output = options.output ?? process.stderr;
    this.assertInteractive();
  }

  describe(): string {
    return "manual entry on the terminal";
  }

  async waitForMessage(query: WaitForMailQuery): Promise<MailMessage> {
    validateAddress(query.to);
    if (!Number.isFinite(query.timeoutMs) || query.timeoutMs < 0) {
      throw new MailboxError("bad_config", `timeoutMs must be a finite number >= 0, got ${query.timeoutMs}`, { field: "timeoutMs" });
    }
    this.assertOpen();
    this.assertInteractive();
    const signal = AbortSignal.any([this.closeController.signal, AbortSignal.timeout(Math.max(1, Math.ceil(query.timeoutMs)))]);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      this.output.write(
        attempt === 1
          ? `Open the claim email sent to ${query.to} and paste the link (or the 6-digit code): `
          : "That is neither a link nor a 6-digit code; paste the link from the email (or the code): ",
      );
      let answer: string;
      try {
        answer = (await this.nextLine(signal)).trim();
      } catch (error) {
        this.assertOpen();
        if (signal.aborted) {
          throw new MailboxError(
            "mail_timeout",
            `No mail for ${query.to} arrived at ${this.describe()} within ${query.timeoutMs} ms`,
            { field: "to" },
          );
        }
        throw error;
      }
      const message = this.messageFromAnswer(query.to, answer);
      if (message !== undefined) {
        this.answers.push(message);
        return message;
      }
    }
    throw new MailboxError("parse_error", `No link or 6-digit code was pasted for ${query.to} after ${MAX_ATTEMPTS} attempts`, {
      field: "to",
    });
  }

  async count(query: { to: string; after?: Date }): Promise<number> {
    validateAddress(query.to);
    const to = normaliseAddress(query.to);
    return this.answers.filter(
      (message) => message.to.includes(to) && (query.after === undefined || message.receivedAt >= query.after),
    ).length;
  }

  async close(): Promise<void> {
    this.closeController.abort();
    this.reader?.close();
  }

  // One reader for the mailbox's lifetime, so lines pasted together (or ahead of a prompt) are
  // queued rather than lost between questions. Created on first use: reading stdin keeps the
  // process alive until close().
  private nextLine(signal: AbortSignal): Promise<string> {
    const queued = this.queuedLines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.inputEnded) {
      return Promise.reject(new MailboxError("mailbox_unavailable", "The terminal input has ended"));
    }
    this.startReader();
    return new Promise((resolve, reject) => {
      const waiter: LineWaiter = {
        resolve: (line) => {
          signal.removeEventListener("abort", onAbort);
          resolve(line);
        },
        reject: (error) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      const onAbort = (): void => {
        this.lineWaiters.delete(waiter);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      this.lineWaiters.add(waiter);
    });
  }

  private startReader(): void {
    if (this.reader !== undefined) return;
    this.reader = createInterface({ input: this.input, output: this.output });
    this.reader.on("line", (line) => {
      const [waiter] = this.lineWaiters;
      if (waiter !== undefined) {
        this.lineWaiters.delete(waiter);
        waiter.resolve(line);
      } else if (this.queuedLines.length < MAX_QUEUED_LINES) {
        this.queuedLines.push(line);
      }
    });
    this.reader.on("close", () => {
      this.inputEnded = true;
      for (const waiter of this.lineWaiters) waiter.reject(new MailboxError("mailbox_unavailable", "The terminal input has ended"));
      this.lineWaiters.clear();
    });
  }

  private messageFromAnswer(to: string, answer: string): MailMessage | undefined {
    const base = { id: randomUUID(), to: uniqueAddresses([to]), subject: "(pasted by the user)", receivedAt: new Date() };
    if (OTP_CODE.test(answer)) return { ...base, text: answer, links: [] };
    const links = extractLinks(answer);
    return links.length > 0 ? { ...base, text: answer, links } : undefined;
  }

  private assertInteractive(): void {
    if (this.input.isTTY !== true) {
      throw new MailboxError(
        "no_tty",
        "The manual mailbox needs an interactive terminal, but stdin is not a TTY (CI?). " +
          'Use a mailbox the harness can read by itself: kind "smtp" (embedded SMTP sink), "directory" ' +
          '(mail files in a folder), "http" (a JSON outbox URL) or "mailpit" (a Mailpit/MailHog server).',
        { field: "kind" },
      );
    }
  }

  private assertOpen(): void {
    if (this.closeController.signal.aborted) throw new MailboxError("mailbox_unavailable", `${this.describe()} is closed`);
  }
}
