// An embedded SMTP sink: the service under test sends its claim mail here, over plain SMTP.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { SMTPServerDataStream, SMTPServerSession } from "smtp-server";
import { MailboxError } from "./errors.ts";
import { messageFromMime } from "./message.ts";
import { PollingMailbox } from "./polling.ts";
import type { MailMessage } from "./types.ts";

export interface SmtpMailboxOptions {
  host: string;
  /** 0 picks a free port; read it back with address(). */
  port: number;
  maxMessageBytes: number;
  /** Oldest messages are dropped beyond this, so a chatty target cannot exhaust memory. */
  maxStoredMessages: number;
}

// Waiting for clients to QUIT on close is pointless for a sink; cut them off quickly.
const CLOSE_TIMEOUT_MS = 500;

export class SmtpMailbox extends PollingMailbox {
  readonly kind = "smtp" as const;
  private readonly messages: MailMessage[] = [];
  private readonly server: SMTPServer;
  private listening: { host: string; port: number } | undefined;

  private constructor(private readonly options: SmtpMailboxOptions) {
    super();
    this.server = new SMTPServer({
      authOptional: true,
      // A service configured with SMTP credentials may still AUTH; any credentials are accepted.
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? "anonymous" }),
      disabledCommands: ["STARTTLS"],
      size: options.maxMessageBytes,
      logger: false,
      // Reverse DNS of a loopback client only adds latency.
      disableReverseLookup: true,
      closeTimeout: CLOSE_TIMEOUT_MS,
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    this.server.on("error", () => {
      // Per-connection errors (client resets, oversized mail) must not crash the harness.
    });
  }

  /** Starts the sink and resolves once it is listening. */
  static async start(options: SmtpMailboxOptions): Promise<SmtpMailbox> {
    const mailbox = new SmtpMailbox(options);
    await mailbox.listen();
    return mailbox;
  }

  /** Where the target must send its mail. */
  address(): { host: string; port: number } {
    if (this.listening === undefined) throw new MailboxError("mailbox_unavailable", "The SMTP sink is not listening");
    return { ...this.listening };
  }

  describe(): string {
    const where = this.listening ?? { host: this.options.host, port: this.options.port };
    return `smtp sink on ${where.host}:${where.port}`;
  }

  protected async listFor(): Promise<MailMessage[]> {
    return [...this.messages];
  }

  protected async load(message: MailMessage): Promise<MailMessage> {
    return message;
  }

  protected override release(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private listen(): Promise<void> {
    const { host, port } = this.options;
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        reject(
          new MailboxError("mailbox_unavailable", `Could not start the SMTP sink on ${host}:${port}: ${error.message}`, {
            field: "port",
            cause: error,
          }),
        );
      };
      this.server.server.once("error", onError);
      this.server.listen(port, host, () => {
        this.server.server.off("error", onError);
        const bound = this.server.server.address() as AddressInfo;
        this.listening = { host, port: bound.port };
        resolve();
      });
    });
  }

  private receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("error", (error) => callback(error));
    stream.on("end", () => {
      if (stream.sizeExceeded) {
        callback(Object.assign(new Error("Message exceeds the sink's size limit"), { responseCode: 552 }));
        return;
      }
      const receivedAt = new Date();
      const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address);
      messageFromMime(Buffer.concat(chunks), { id: randomUUID(), receivedAt, extraRecipients: envelopeTo, source: this.describe() })
        .then((message) => {
          this.store(message);
          callback();
        })
        .catch((error: unknown) => {
          callback(Object.assign(new Error(`Unparseable message: ${String(error)}`), { responseCode: 554 }));
        });
    });
  }

  private store(message: MailMessage): void {
    this.messages.push(message);
    if (this.messages.length > this.options.maxStoredMessages) this.messages.shift();
    this.wake();
  }
}
