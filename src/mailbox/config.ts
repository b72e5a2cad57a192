// Mailbox configuration: a zod discriminated union on `kind`; a config without `kind` is an SMTP sink.
import { z } from "zod";

const headers = z.record(z.string(), z.string()).default({});
const requestTimeoutMs = z.number().int().positive().max(120_000).default(5_000);

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const protocol = new URL(value).protocol;
  return protocol === "http:" || protocol === "https:";
}

export const smtpConfigSchema = z.strictObject({
  kind: z.literal("smtp"),
  host: z.string().min(1).default("127.0.0.1"),
  /** 0 = ephemeral; read the real port from SmtpMailbox.address(). */
  port: z.number().int().min(0).max(65_535).default(0),
  maxMessageBytes: z.number().int().positive().default(1024 * 1024),
  maxStoredMessages: z.number().int().positive().default(1_000),
});

export const directoryConfigSchema = z.strictObject({
  kind: z.literal("directory"),
  path: z.string().min(1),
  maxFiles: z.number().int().positive().default(10_000),
});

export const httpConfigSchema = z.strictObject({
  kind: z.literal("http"),
  /**
   * e.g. http://127.0.0.1:9000/outbox?to={to} or http://127.0.0.1:3000/dev/mail/{registration_id};
   * `{to}`/`{email}` become the URL-encoded recipient, `{registration_id}` the registration's id.
   */
  url: z
    .string()
    .refine((value) => isHttpUrl(value.replaceAll("{to}", "x").replaceAll("{email}", "x").replaceAll("{registration_id}", "x")), "must be an http(s) URL, optionally with {to}, {email} or {registration_id}"),
  headers,
  requestTimeoutMs,
});

export const mailpitConfigSchema = z.strictObject({
  kind: z.literal("mailpit"),
  baseUrl: z.string().refine(isHttpUrl, "must be an http(s) URL").default("http://127.0.0.1:8025"),
  /** "mailhog" reads MailHog's /api/v2/search instead of Mailpit's /api/v1. */
  api: z.enum(["mailpit", "mailhog"]).default("mailpit"),
  headers,
  requestTimeoutMs,
  pageSize: z.number().int().positive().max(1_000).default(200),
});

export const manualConfigSchema = z.strictObject({
  kind: z.literal("manual"),
});

const mailboxConfigUnion = z.discriminatedUnion("kind", [
  smtpConfigSchema,
  directoryConfigSchema,
  httpConfigSchema,
  mailpitConfigSchema,
  manualConfigSchema,
]);

/** Accepts `undefined` or an object without `kind` as the default SMTP sink. */
export const mailboxConfigSchema = z.preprocess((value) => {
  if (value === undefined) return { kind: "smtp" };
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !("kind" in value)) {
    return { ...value, kind: "smtp" };
  }
  return value;
}, mailboxConfigUnion);

export type MailboxConfig = z.output<typeof mailboxConfigUnion>;
/** What a user may write: defaults may be left out, and `kind` too (then it is "smtp"). */
export type MailboxConfigInput =
  | z.input<typeof mailboxConfigUnion>
  | (Omit<z.input<typeof smtpConfigSchema>, "kind"> & { kind?: undefined });
