// Mailbox adapters: how the harness, playing the user, reads the claim mail a service sends.
export type { MailMessage, Mailbox, MailboxKind, WaitForMailQuery } from "./types.ts";
export { MailboxError, isMailboxError } from "./errors.ts";
export type { MailboxErrorCode } from "./errors.ts";
export { extractClaimLink, extractLinks } from "./links.ts";
export {
  mailboxConfigSchema,
  smtpConfigSchema,
  directoryConfigSchema,
  httpConfigSchema,
  mailpitConfigSchema,
  manualConfigSchema,
} from "./config.ts";
export type { MailboxConfig, MailboxConfigInput } from "./config.ts";
export { createMailbox, parseMailboxConfig } from "./create.ts";
export type { MailboxEnvironment } from "./create.ts";
export { SmtpMailbox } from "./smtp.ts";
export { DirectoryMailbox } from "./directory.ts";
export { HttpMailbox } from "./http.ts";
export { MailpitMailbox } from "./mailpit.ts";
export { ManualMailbox } from "./manual.ts";
