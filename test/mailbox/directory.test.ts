import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMailbox, extractClaimLink } from "../../src/mailbox/index.ts";
import type { Mailbox } from "../../src/mailbox/index.ts";

const CLAIM_URL = "http://127.0.0.1:4000/agent/auth/claim/view?token=cat_dir1";

function eml(to: string, subject: string, body: string): string {
  return [
    "From: Service <service@example.test>",
    `To: ${to}`,
    `Subject: ${subject}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}

describe("directory mailbox", () => {
  let folder: string;
  let mailbox: Mailbox;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "authmd-mail-"));
    mailbox = await createMailbox({ kind: "directory", path: folder });
  });
  afterEach(async () => {
    await mailbox.close();
    await rm(folder, { recursive: true, force: true });
  });

  it("picks up an .eml file written during the wait", async () => {
    const waiting = mailbox.waitForMessage({ to: "user@example.test", timeoutMs: 3_000, pollIntervalMs: 20 });
    await writeFile(join(folder, "0001.eml"), eml("User <USER@example.test>", "Confirm", `Open ${CLAIM_URL}.`));
    const message = await waiting;
    expect(message.to).toEqual(["user@example.test"]);
    expect(message.subject).toBe("Confirm");
    expect(extractClaimLink(message)).toBe(CLAIM_URL);
    expect(mailbox.describe()).toBe(`mail directory ${folder}`);
  });

  it("reads an .html file addressed by a sidecar JSON, and decodes &amp; in hrefs", async () => {
    const waiting = mailbox.waitForMessage({ to: "side@example.test", timeoutMs: 3_000, pollIntervalMs: 20 });
    await writeFile(join(folder, "reg_1.json"), JSON.stringify({ to: "side@example.test", subject: "Claim" }));
    await writeFile(join(folder, "reg_1.html"), `<p><a href="${CLAIM_URL}&amp;x=1">View one-time code</a></p>`);
    const message = await waiting;
    expect(message.subject).toBe("Claim");
    expect(message.text).toContain("View one-time code");
    expect(message.links).toEqual([`${CLAIM_URL}&x=1`]);
  });

  it("reads the recipient from the file name <recipient>__anything.ext", async () => {
    await writeFile(join(folder, "named@example.test__claim.txt"), `Your link: ${CLAIM_URL}`);
    const message = await mailbox.waitForMessage({ to: "named@example.test", timeoutMs: 1_000, pollIntervalMs: 20 });
    expect(message.to).toEqual(["named@example.test"]);
    expect(message.links).toEqual([CLAIM_URL]);
  });

  it("falls back to the addresses mentioned in an unaddressed body (reference demo layout)", async () => {
    await writeFile(
      join(folder, "reg_abc.html"),
      `<p>Hi demo@example.test,</p><p><a class="cta" href="${CLAIM_URL}">View one-time code</a></p>`,
    );
    const message = await mailbox.waitForMessage({ to: "Demo@Example.test", timeoutMs: 1_000, pollIntervalMs: 20 });
    expect(message.to).toEqual(["demo@example.test"]);
    await expect(mailbox.count({ to: "someone-else@example.test" })).resolves.toBe(0);
  });

  it("returns files in mtime order, consumes each once, and counts them", async () => {
    await writeFile(join(folder, "b.eml"), eml("two@example.test", "older", "1"));
    await writeFile(join(folder, "a.eml"), eml("two@example.test", "newer", "2"));
    await utimes(join(folder, "b.eml"), new Date(1_000_000), new Date(1_000_000));
    await utimes(join(folder, "a.eml"), new Date(2_000_000), new Date(2_000_000));
    await writeFile(join(folder, "ignored.pdf"), "not mail two@example.test");
    expect(await mailbox.count({ to: "two@example.test" })).toBe(2);
    expect(await mailbox.count({ to: "two@example.test", after: new Date(1_500_000) })).toBe(1);
    const first = await mailbox.waitForMessage({ to: "two@example.test", timeoutMs: 1_000 });
    const second = await mailbox.waitForMessage({ to: "two@example.test", timeoutMs: 1_000 });
    expect([first.subject, second.subject]).toEqual(["older", "newer"]);
    expect(first.receivedAt.getTime()).toBe(1_000_000);
    await expect(mailbox.waitForMessage({ to: "two@example.test", timeoutMs: 100, pollIntervalMs: 20 })).rejects.toMatchObject({
      code: "mail_timeout",
    });
  });

  it("waits for a folder the service creates with its first mail (the reference demo's .mail/)", async () => {
    const later = join(folder, "later");
    const waiting = await createMailbox({ kind: "directory", path: later });
    expect(await waiting.count({ to: "nobody@example.test" })).toBe(0);
    const pending = waiting.waitForMessage({ to: "u@example.test", timeoutMs: 5000 });
    await mkdir(later);
    await writeFile(join(later, "m.eml"), eml("u@example.test", "Claim", `Open ${CLAIM_URL}`));
    const message = await pending;
    expect(extractClaimLink(message)).toBe(CLAIM_URL);
  });

  it("rejects a path that is a file as bad_config", async () => {
    const file = join(folder, "not-a-folder");
    await writeFile(file, "x");
    await expect(createMailbox({ kind: "directory", path: file })).rejects.toMatchObject({
      code: "bad_config",
      field: "path",
    });
  });
});
