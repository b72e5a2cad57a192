import nodemailer from "nodemailer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MailboxError, SmtpMailbox, createMailbox, extractClaimLink } from "../../src/mailbox/index.ts";

const CLAIM_URL = "http://127.0.0.1:4000/agent/auth/claim/view?token=cat_abc123";

describe("smtp mailbox", () => {
  let mailbox: SmtpMailbox;

  beforeEach(async () => {
    mailbox = (await createMailbox({ kind: "smtp" })) as SmtpMailbox;
  });
  afterEach(async () => {
    await mailbox.close();
  });

  async function send(to: string, subject: string, text: string, html?: string): Promise<void> {
    const { host, port } = mailbox.address();
    const transport = nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ from: "service@example.test", to, subject, text, ...(html ? { html } : {}) });
    } finally {
      transport.close();
    }
  }

  it("listens on an ephemeral loopback port and names it", () => {
    const { host, port } = mailbox.address();
    expect(host).toBe("127.0.0.1");
    expect(port).toBeGreaterThan(0);
    expect(mailbox.describe()).toBe(`smtp sink on 127.0.0.1:${port}`);
  });

  it("returns a mail sent over real SMTP, with its claim link", async () => {
    const after = new Date(Date.now() - 1);
    const waiting = mailbox.waitForMessage({ to: "User@Example.test", after, timeoutMs: 3_000 });
    await send("user@example.test", "Confirm agent ownership", `Open ${CLAIM_URL} to see your code.`,
      `<p><a href="${CLAIM_URL}">View one-time code</a></p>`);
    const message = await waiting;
    expect(message.to).toContain("user@example.test");
    expect(message.from).toBe("service@example.test");
    expect(message.subject).toBe("Confirm agent ownership");
    expect(message.links).toEqual([CLAIM_URL]);
    expect(extractClaimLink(message)).toBe(CLAIM_URL);
    expect(message.html).toContain("View one-time code");
    expect(message.receivedAt.getTime()).toBeGreaterThanOrEqual(after.getTime());
  });

  it("gives two mails to one address back in arrival order, and counts them", async () => {
    await send("twice@example.test", "first", "one http://127.0.0.1/1");
    await send("twice@example.test", "second", "two http://127.0.0.1/2");
    await send("other@example.test", "not yours", "three");
    expect(await mailbox.count({ to: "twice@example.test" })).toBe(2);
    expect(await mailbox.count({ to: "other@example.test" })).toBe(1);
    expect(await mailbox.count({ to: "twice@example.test", after: new Date(Date.now() + 60_000) })).toBe(0);

    const first = await mailbox.waitForMessage({ to: "twice@example.test", timeoutMs: 1_000 });
    const second = await mailbox.waitForMessage({ to: "twice@example.test", timeoutMs: 1_000 });
    expect([first.subject, second.subject]).toEqual(["first", "second"]);
    // Consumed messages are still counted: count() proves how many mails were sent.
    expect(await mailbox.count({ to: "twice@example.test" })).toBe(2);
  });

  it("matches the envelope recipient even when the To header names someone else", async () => {
    const { host, port } = mailbox.address();
    const transport = nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      envelope: { from: "service@example.test", to: ["hidden@example.test"] },
      from: "service@example.test",
      to: "list@example.test",
      subject: "bcc",
      text: "hello",
    });
    transport.close();
    const message = await mailbox.waitForMessage({ to: "hidden@example.test", timeoutMs: 1_000 });
    expect(message.to).toEqual(expect.arrayContaining(["hidden@example.test", "list@example.test"]));
  });

  it("hands concurrent waits for one address different messages", async () => {
    const waits = [
      mailbox.waitForMessage({ to: "pair@example.test", timeoutMs: 3_000 }),
      mailbox.waitForMessage({ to: "pair@example.test", timeoutMs: 3_000 }),
    ];
    await send("pair@example.test", "one", "1");
    await send("pair@example.test", "two", "2");
    const subjects = (await Promise.all(waits)).map((message) => message.subject).sort();
    expect(subjects).toEqual(["one", "two"]);
  });

  it("rejects with mail_timeout naming the adapter and the address when nothing arrives", async () => {
    const progress: number[] = [];
    const error = await mailbox
      .waitForMessage({ to: "nobody@example.test", timeoutMs: 300, pollIntervalMs: 50, onProgress: (ms) => progress.push(ms) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MailboxError);
    expect((error as MailboxError).code).toBe("mail_timeout");
    expect((error as MailboxError).message).toBe(
      `No mail for nobody@example.test arrived at ${mailbox.describe()} within 300 ms`,
    );
    expect(progress.length).toBeGreaterThan(0);
  });

  it("does not hang after close(): a pending wait rejects", async () => {
    const waiting = mailbox.waitForMessage({ to: "late@example.test", timeoutMs: 30_000 });
    await mailbox.close();
    await expect(waiting).rejects.toMatchObject({ code: "mailbox_unavailable" });
    await expect(mailbox.waitForMessage({ to: "late@example.test", timeoutMs: 10 })).rejects.toMatchObject({
      code: "mailbox_unavailable",
    });
  });

  it("refuses a port that is already taken", async () => {
    const { port } = mailbox.address();
    await expect(createMailbox({ kind: "smtp", port })).rejects.toMatchObject({ code: "mailbox_unavailable", field: "port" });
  });
});
