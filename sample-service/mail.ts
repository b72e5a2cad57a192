import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type { ServiceConfig } from "./config.ts";

/** A mail the service sent (kept for tests; it contains the claim link, a secret). */
export interface SentMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  link: string;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Sends claim mails through SMTP when configured, and records every mail in `outbox`. */
export class Mailer {
  readonly outbox: SentMail[] = [];
  private readonly transport: Transporter | null;
  private readonly from: string;

  private written = 0;

  /**
   * `directory`: also write each mail there as an HTML page. `perRegistration`: one file per
   * registration (`<registration_id>.html`), rewritten when the registration's mail is re-sent,
   * as a service storing "the" mail of a registration does; otherwise one file per mail.
   */
  constructor(
    smtp: ServiceConfig["smtp"],
    private readonly directory: { path: string; perRegistration: boolean } | null = null,
  ) {
    this.from = smtp?.from ?? "";
    this.transport =
      smtp === null
        ? null
        : nodemailer.createTransport({
            host: smtp.host,
            port: smtp.port,
            secure: false,
            // A loopback sink has no certificate worth checking and the mail never leaves the host.
            ignoreTLS: LOOPBACK_HOSTS.has(smtp.host),
          });
  }

  /** Mails the claim-view link; resolves once the SMTP server accepted it (throws if it did not). */
  async sendClaimLink(to: string, link: string, serviceName: string, extraLines: readonly string[] = [], registrationId = "unknown"): Promise<void> {
    const subject = `Confirm that an agent may use your ${serviceName} account`;
    const text = [
      `An AI agent asked to register with ${serviceName} on your behalf.`,
      "",
      "If that was you, open this link and read the 6-digit code on the page back to your agent:",
      link,
      "",
      "If you did not ask for this, ignore this mail: nothing happens until the code is entered.",
      ...extraLines,
    ].join("\n");
    const html = [
      `<p>Hi ${escapeHtml(to)},</p>`,
      `<p>An AI agent asked to register with ${escapeHtml(serviceName)} on your behalf.</p>`,
      `<p>If that was you, <a href="${escapeHtml(link)}">open the confirmation page</a> and read the 6-digit code back to your agent.</p>`,
      "<p>If you did not ask for this, ignore this mail: nothing happens until the code is entered.</p>",
      ...extraLines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ].join("\n");
    if (this.transport !== null) {
      await this.transport.sendMail({ from: this.from, to, subject, text, html });
    }
    if (this.directory !== null) {
      const name = this.directory.perRegistration ? `${registrationId}.html` : `${registrationId}-${++this.written}.html`;
      // Written beside and renamed: a reader never sees half a page.
      const temp = join(this.directory.path, `.${name}.tmp`);
      await writeFile(temp, `<!doctype html>\n<title>${escapeHtml(subject)}</title>\n${html}\n`);
      await rename(temp, join(this.directory.path, name));
    }
    this.outbox.push({ to, subject, text, html, link });
  }

  close(): void {
    this.transport?.close();
  }
}
