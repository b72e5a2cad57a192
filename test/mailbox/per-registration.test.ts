// Stores that keep one mail per registration (a file or a page per registration, rewritten on
// re-send): every version the harness saw is a mail, and one replaced before it was read is
// reported as overwritten, never as "not sent".
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createMailbox, extractClaimLink, type Mailbox } from "../../src/mailbox/index.ts";
import { outboxUrl } from "../../src/mailbox/http.ts";
import { type FakeServer, startFakeServer } from "./fake-server.ts";

const REG = "reg_7Hq2";
const link = (token: string) => `http://127.0.0.1:4000/agent/auth/claim/view?token=${token}`;
const page = (to: string, token: string) => `<!doctype html><title>Confirm</title><p>Hi ${to},</p><p><a href="${link(token)}">open the confirmation page</a></p>`;

describe("directory mailbox, one file per registration", () => {
  let folder: string;
  let mailbox: Mailbox;
  afterEach(async () => {
    await mailbox.close();
    await rm(folder, { recursive: true, force: true });
  });
  const open = async () => {
    folder = await mkdtemp(join(tmpdir(), "authmd-mail-reg-"));
    mailbox = await createMailbox({ kind: "directory", path: folder });
  };

  it("keeps a mail it saw after a re-send rewrote its file, and finds the new one", async () => {
    await open();
    await writeFile(join(folder, `${REG}.html`), page("first@example.test", "cat_one"));
    const first = await mailbox.waitForMessage({ to: "first@example.test", registrationId: REG, timeoutMs: 2_000, pollIntervalMs: 20 });
    expect(extractClaimLink(first)).toBe(link("cat_one"));
    await writeFile(join(folder, `${REG}.html`), page("second.address@example.test", "cat_two"));
    const second = await mailbox.waitForMessage({ to: "second.address@example.test", registrationId: REG, timeoutMs: 2_000, pollIntervalMs: 20 });
    expect(extractClaimLink(second)).toBe(link("cat_two"));
    // The first mail still counts as sent.
    expect(await mailbox.count({ to: "first@example.test" })).toBe(1);
  });

  it("reports a mail rewritten before it was read as overwritten, naming the file, not as a timeout", async () => {
    await open();
    await writeFile(join(folder, `${REG}.html`), page("first@example.test", "cat_one"));
    await writeFile(join(folder, `${REG}.html`), page("second.address@example.test", "cat_two"));
    const waiting = mailbox.waitForMessage({ to: "first@example.test", registrationId: REG, timeoutMs: 200, pollIntervalMs: 20 });
    await expect(waiting).rejects.toMatchObject({ code: "mail_overwritten", message: expect.stringContaining(`${REG}.html`) });
    await expect(waiting).rejects.toThrow(/second\.address@example\.test/);
    // Without the registration, nothing ties the file to the wait: a plain timeout.
    await expect(mailbox.waitForMessage({ to: "first@example.test", timeoutMs: 100, pollIntervalMs: 20 })).rejects.toMatchObject({ code: "mail_timeout" });
  });
});

describe("http mailbox, URL template and HTML pages", () => {
  let server: FakeServer | undefined;
  let mailbox: Mailbox | undefined;
  afterEach(async () => {
    await mailbox?.close();
    await server?.close();
  });

  it("fills {registration_id} and {email}, and needs the registration when the template names it", () => {
    expect(outboxUrl("http://h/mail/{registration_id}?to={email}", "a+b@x.test", "reg 1")).toBe("http://h/mail/reg%201?to=a%2Bb%40x.test");
    expect(outboxUrl("http://h/outbox?to={to}", "a@x.test", undefined)).toBe("http://h/outbox?to=a%40x.test");
    expect(() => outboxUrl("http://h/mail/{registration_id}", "a@x.test", undefined)).toThrow(expect.objectContaining({ code: "bad_config", field: "url" }));
  });

  it("reads an HTML page per registration as the mail, treats 404 as no mail yet, and reports an overwritten page", async () => {
    let current: string | undefined;
    server = await startFakeServer((url) => {
      if (url.pathname !== `/dev/mail/${REG}`) return { status: 404, body: "" };
      return current === undefined ? { status: 404, body: "" } : { body: current, contentType: "text/html; charset=utf-8" };
    });
    mailbox = await createMailbox({ kind: "http", url: `${server.baseUrl}/dev/mail/{registration_id}` });
    // No page yet: a timeout, not an unavailable mailbox.
    await expect(mailbox.waitForMessage({ to: "first@example.test", registrationId: REG, timeoutMs: 100, pollIntervalMs: 20 })).rejects.toMatchObject({ code: "mail_timeout" });
    current = page("first@example.test", "cat_one");
    const first = await mailbox.waitForMessage({ to: "first@example.test", registrationId: REG, timeoutMs: 2_000, pollIntervalMs: 20 });
    expect(first.subject).toBe("Confirm");
    expect(extractClaimLink(first)).toBe(link("cat_one"));
    // A re-send to another address replaces the page before the second wait for the first address.
    current = page("second.address@example.test", "cat_two");
    await expect(mailbox.waitForMessage({ to: "first@example.test", registrationId: REG, timeoutMs: 150, pollIntervalMs: 20 })).rejects.toMatchObject({ code: "mail_overwritten" });
    const second = await mailbox.waitForMessage({ to: "second.address@example.test", registrationId: REG, timeoutMs: 2_000, pollIntervalMs: 20 });
    expect(extractClaimLink(second)).toBe(link("cat_two"));
  });

  it("takes a page that names no address as the awaited recipient's (the URL is the registration's)", async () => {
    server = await startFakeServer(() => ({ body: `<p><a href="${link("cat_x")}">code</a></p>`, contentType: "text/html" }));
    mailbox = await createMailbox({ kind: "http", url: `${server.baseUrl}/dev/mail/{registration_id}` });
    const message = await mailbox.waitForMessage({ to: "who@example.test", registrationId: REG, timeoutMs: 1_000, pollIntervalMs: 20 });
    expect(message.to).toEqual(["who@example.test"]);
    expect(extractClaimLink(message)).toBe(link("cat_x"));
  });
});
