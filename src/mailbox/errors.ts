export type MailboxErrorCode =
  | "mail_timeout"
  /** The awaited mail's place in the store (one mail per registration) holds a later mail now. */
  | "mail_overwritten"
  | "mailbox_unavailable"
  | "no_tty"
  | "bad_config"
  | "parse_error";

/** Every failure of a mailbox adapter: a machine code, and the offending field when there is one. */
export class MailboxError extends Error {
  override readonly name = "MailboxError";
  readonly code: MailboxErrorCode;
  readonly field?: string;

  constructor(code: MailboxErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
  }
}

export function isMailboxError(value: unknown, code?: MailboxErrorCode): value is MailboxError {
  return value instanceof MailboxError && (code === undefined || value.code === code);
}
