// Validates a mailbox config and builds the adapter it names.
import { DirectoryMailbox } from "./directory.ts";
import { MailboxError } from "./errors.ts";
import { HttpMailbox } from "./http.ts";
import { MailpitMailbox } from "./mailpit.ts";
import { ManualMailbox } from "./manual.ts";
import type { ManualMailboxOptions } from "./manual.ts";
import { mailboxConfigSchema } from "./config.ts";
import type { MailboxConfig, MailboxConfigInput } from "./config.ts";
import { SmtpMailbox } from "./smtp.ts";
import type { Mailbox } from "./types.ts";

/** Terminal streams for the manual adapter; tests pass their own. */
export interface MailboxEnvironment {
  stdin?: ManualMailboxOptions["input"];
  stderr?: ManualMailboxOptions["output"];
}

/** Parses the config (MailboxError bad_config, with the offending field, when invalid). */
export function parseMailboxConfig(input: unknown): MailboxConfig {
  const result = mailboxConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || "kind";
  throw new MailboxError("bad_config", `Invalid mailbox config at "${field}": ${issue?.message ?? "invalid"}`, { field });
}

export async function createMailbox(config: MailboxConfigInput = {}, environment: MailboxEnvironment = {}): Promise<Mailbox> {
  const parsed = parseMailboxConfig(config);
  switch (parsed.kind) {
    case "smtp":
      return SmtpMailbox.start(parsed);
    case "directory":
      return DirectoryMailbox.open(parsed);
    case "http":
      return new HttpMailbox(parsed);
    case "mailpit":
      return new MailpitMailbox(parsed);
    case "manual": {
      const options: ManualMailboxOptions = {};
      if (environment.stdin !== undefined) options.input = environment.stdin;
      if (environment.stderr !== undefined) options.output = environment.stderr;
      return new ManualMailbox(options);
    }
  }
}
