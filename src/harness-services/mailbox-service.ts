import { HarnessError } from "../errors.ts";
import { MailboxError } from "../mailbox/errors.ts";
import type { Config } from "../config/schema.ts";
import { createMailbox, type Mailbox, type MailMessage, SmtpMailbox } from "../mailbox/index.ts";
import { startControlServer } from "./control-server.ts";

/** What suites need to read mail, as plain JSON. */
export interface MailboxSettings {
  kind: string;
  description: string;
  controlUrl: string;
  controlToken: string;
  /** Where the target must send mail (smtp sink only). */
  smtp?: { host: string; port: number };
  waitMs: number;
  linkPattern?: string;
}

export interface RunningMailboxService {
  settings: MailboxSettings;
  mailbox: Mailbox;
  close(): Promise<void>;
}

/** Wire format of a message over the control API. */
export type MailMessageJson = Omit<MailMessage, "receivedAt"> & { receivedAt: string };

/** Open the configured mailbox in the CLI process and expose wait/count to the suites. */
export async function startMailboxService(config: Config): Promise<RunningMailboxService> {
  const mailbox = await createMailbox(config.mailbox).catch((err: unknown) => {
    // A mailbox that cannot be opened as configured is a config error naming the field, not a crash.
    if (err instanceof MailboxError && err.code === "bad_config") {
      throw new HarnessError("config_invalid", err.message, `mailbox${err.field ? `.${err.field}` : ""}`);
    }
    throw err;
  });
  const control = await startControlServer({
    "POST /wait": async (body) => {
      const message = await mailbox.waitForMessage({
        to: String(body.to),
        ...(typeof body.after === "string" ? { after: new Date(body.after) } : {}),
        ...(typeof body.registrationId === "string" ? { registrationId: body.registrationId } : {}),
        timeoutMs: Math.min(Number(body.timeoutMs) || config.mail.waitMs, config.mail.waitMs),
      });
      return { ...message, receivedAt: message.receivedAt.toISOString() } satisfies MailMessageJson;
    },
    "POST /count": async (body) => ({
      count: await mailbox.count({
        to: String(body.to),
        ...(typeof body.after === "string" ? { after: new Date(body.after) } : {}),
        ...(typeof body.registrationId === "string" ? { registrationId: body.registrationId } : {}),
      }),
    }),
  });
  const smtp = mailbox instanceof SmtpMailbox ? mailbox.address() : undefined;
  return {
    mailbox,
    settings: {
      kind: mailbox.kind,
      description: mailbox.describe(),
      controlUrl: control.url,
      controlToken: control.token,
      ...(smtp ? { smtp } : {}),
      waitMs: config.mail.waitMs,
      ...(config.mail.linkPattern ? { linkPattern: config.mail.linkPattern } : {}),
    },
    async close() {
      await control.close();
      await mailbox.close();
    },
  };
}
