// Reads mail files that a service drops into a folder (like the auth.md reference demo's .mail/ dir).
//
// Files considered: *.eml (raw RFC 5322, parsed with mailparser), *.html / *.htm and *.txt (a body).
// Names starting with "." and other extensions (including the *.json sidecars) are ignored.
// Recipient of a file, first rule that yields one:
//   1. a sidecar JSON with the same basename, e.g. `abc.html` + `abc.json` = {"to": "...", "subject": "..."}
//      (`to` may be a string or an array; `subject` is optional);
//   2. the file name `<recipient>__anything.ext`, e.g. `user@example.test__claim-1.html`;
//   3. for *.eml, its To/Cc/Bcc headers;
//   4. otherwise the addresses mentioned in the body (the reference demo writes `<registration>.html`
//      greeting "Hi <email>"); so such a file counts for every address it mentions.
// receivedAt is the file's mtime. Empty files, and files whose size/mtime change while being read, are
// skipped until a later scan; a service writing large bodies slowly should write a dot-file and rename it.
// One file per registration, rewritten on re-send (e.g. `<registration_id>.html`): each version the
// adapter saw stays a message (marked overwritten once replaced), and a wait for a mail whose file
// was rewritten before it was read fails with `mail_overwritten`, naming the file, when the file
// name contains the registration id the wait gives.
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { z } from "zod";
import { MailboxError } from "./errors.ts";
import { addressesMentionedIn, contentId, messageFromMime, messageFromParts, parseAddressList } from "./message.ts";
import { PollingMailbox } from "./polling.ts";
import { SlotHistory } from "./slots.ts";
import type { MailMessage, WaitForMailQuery } from "./types.ts";

export interface DirectoryMailboxOptions {
  path: string;
  /** Files read per scan at most (bounds one scan of a huge folder). */
  maxFiles: number;
}

const MAIL_EXTENSIONS = new Set([".eml", ".html", ".htm", ".txt"]);
const RECIPIENT_IN_NAME = /^([^\s@]+@[^\s@]+?)__/;

const sidecarSchema = z.object({
  to: z.union([z.string(), z.array(z.string())]),
  subject: z.string().optional(),
});

interface FileSignature {
  size: number;
  mtimeMs: number;
  /** A file rewritten by rename (write beside, then rename) is a new inode even within one mtime tick. */
  ino: number;
  sidecar: string;
}

export class DirectoryMailbox extends PollingMailbox {
  readonly kind = "directory" as const;
  private readonly parsed = new Map<string, { signature: string; message: MailMessage }>();
  private readonly slots = new SlotHistory();

  private constructor(private readonly options: DirectoryMailboxOptions) {
    super();
  }

  static async open(options: DirectoryMailboxOptions): Promise<DirectoryMailbox> {
    const info = await stat(options.path).catch((error: unknown) => {
      // Not there yet: many services create their mail folder with the first mail (listed as empty till then).
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new MailboxError("bad_config", `Mail directory ${options.path} cannot be read: ${String(error)}`, {
        field: "path",
        cause: error,
      });
    });
    if (info && !info.isDirectory()) {
      throw new MailboxError("bad_config", `Mail directory ${options.path} is not a directory`, { field: "path" });
    }
    return new DirectoryMailbox(options);
  }

  describe(): string {
    return `mail directory ${this.options.path}`;
  }

  protected async listFor(): Promise<MailMessage[]> {
    const names = await this.mailFileNames();
    const messages: MailMessage[] = [];
    for (const name of names) {
      const message = await this.readStable(name);
      if (message !== undefined) messages.push(message);
    }
    return this.slots.observe(messages);
  }

  protected override overwrittenBy(query: WaitForMailQuery): string | undefined {
    return this.slots.overwrittenFor(query.to, query.registrationId);
  }

  protected async load(message: MailMessage): Promise<MailMessage> {
    return message;
  }

  private async mailFileNames(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.options.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new MailboxError("mailbox_unavailable", `Cannot list ${this.options.path}: ${String(error)}`, { cause: error });
    }
    return names
      .filter((name) => !name.startsWith(".") && MAIL_EXTENSIONS.has(extname(name).toLowerCase()))
      .sort()
      .slice(0, this.options.maxFiles);
  }

  /** The parsed file, or undefined while it is empty, changing or vanished. */
  private async readStable(name: string): Promise<MailMessage | undefined> {
    const path = join(this.options.path, name);
    const before = await signatureOf(path);
    if (before === undefined || before.size === 0) return undefined;
    const key = JSON.stringify(before);
    const cached = this.parsed.get(path);
    if (cached?.signature === key) return cached.message;

    const message = await this.parseFile(path, name, new Date(before.mtimeMs));
    // Changed while being read: still being written, try again on the next scan.
    const after = await signatureOf(path);
    if (after === undefined || JSON.stringify(after) !== key) return undefined;
    this.parsed.set(path, { signature: key, message });
    return message;
  }

  private async parseFile(path: string, name: string, receivedAt: Date): Promise<MailMessage> {
    const raw = await readFile(path);
    const sidecar = await readSidecar(path);
    const nameRecipient = RECIPIENT_IN_NAME.exec(name)?.[1];
    const declaredTo = sidecar?.to ?? (nameRecipient === undefined ? undefined : [nameRecipient]);
    // The id changes if the file is rewritten (even within one mtime tick), so a rewritten file is a new message.
    const id = contentId(path, receivedAt.getTime(), raw.toString("utf8"));

    if (extname(name).toLowerCase() === ".eml") {
      const mime = await messageFromMime(raw, { id, receivedAt, extraRecipients: declaredTo ?? [], source: path });
      mime.slot = path;
      return mime;
    }
    const body = raw.toString("utf8");
    const isHtml = extname(name).toLowerCase() !== ".txt";
    const message = await messageFromParts({
      id,
      to: declaredTo ?? [],
      subject: sidecar?.subject ?? basename(name, extname(name)),
      text: isHtml ? undefined : body,
      html: isHtml ? body : undefined,
      receivedAt,
    });
    if (declaredTo === undefined) message.to = addressesMentionedIn(message.text);
    message.slot = path;
    return message;
  }
}

async function signatureOf(path: string): Promise<FileSignature | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) return undefined;
  const sidecarInfo = await stat(sidecarPath(path)).catch(() => undefined);
  const sidecar = sidecarInfo === undefined ? "" : `${sidecarInfo.size}:${sidecarInfo.mtimeMs}`;
  return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, sidecar };
}

function sidecarPath(path: string): string {
  return join(path, "..", `${basename(path, extname(path))}.json`);
}

async function readSidecar(path: string): Promise<{ to: string[]; subject?: string } | undefined> {
  const file = sidecarPath(path);
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MailboxError("parse_error", `Sidecar ${file} is not valid JSON: ${String(error)}`, { cause: error });
  }
  const result = sidecarSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new MailboxError("parse_error", `Sidecar ${file} is not {to, subject}: ${issue?.message ?? "invalid"}`, {
      field: issue?.path.join(".") ?? "to",
    });
  }
  const sidecar: { to: string[]; subject?: string } = { to: parseAddressList(result.data.to) };
  if (result.data.subject !== undefined) sidecar.subject = result.data.subject;
  return sidecar;
}
