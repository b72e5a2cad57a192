import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { MailboxError, ManualMailbox, createMailbox } from "../../src/mailbox/index.ts";

function fakeTerminal(): PassThrough & { isTTY: boolean } {
  return Object.assign(new PassThrough(), { isTTY: true });
}

describe("manual mailbox", () => {
  it("refuses to start without a TTY, naming the other adapters", async () => {
    const notATerminal = new PassThrough();
    const error = await createMailbox({ kind: "manual" }, { stdin: notATerminal, stderr: new PassThrough() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MailboxError);
    expect(error).toMatchObject({ code: "no_tty" });
    for (const alternative of ["smtp", "directory", "http", "mailpit"]) {
      expect((error as MailboxError).message).toContain(`"${alternative}"`);
    }
  });

  it("waitForMessage rejects with no_tty once stdin stops being a TTY", async () => {
    const input = fakeTerminal();
    const mailbox = new ManualMailbox({ input, output: new PassThrough() });
    input.isTTY = false;
    await expect(mailbox.waitForMessage({ to: "u@example.test", timeoutMs: 1_000 })).rejects.toMatchObject({ code: "no_tty" });
  });

  it("prompts, and turns a pasted 6-digit code into a message with no links", async () => {
    const input = fakeTerminal();
    const output = new PassThrough();
    const mailbox = await createMailbox({ kind: "manual" }, { stdin: input, stderr: output });
    const waiting = mailbox.waitForMessage({ to: "u@example.test", timeoutMs: 2_000 });
    input.write("  123456 \n");
    const message = await waiting;
    expect(message.text).toBe("123456");
    expect(message.links).toEqual([]);
    expect(message.to).toEqual(["u@example.test"]);
    expect(String(output.read())).toContain("Open the claim email sent to u@example.test and paste the link (or the 6-digit code)");
    expect(await mailbox.count({ to: "u@example.test" })).toBe(1);
    await mailbox.close();
  });

  it("re-asks after a useless answer, then accepts a pasted link", async () => {
    const input = fakeTerminal();
    const mailbox = new ManualMailbox({ input, output: new PassThrough() });
    const waiting = mailbox.waitForMessage({ to: "u@example.test", timeoutMs: 2_000 });
    input.write("what?\nhttp://127.0.0.1:4000/agent/auth/claim/view?token=t1\n");
    const message = await waiting;
    expect(message.links).toEqual(["http://127.0.0.1:4000/agent/auth/claim/view?token=t1"]);
    await mailbox.close();
  });

  it("times out with mail_timeout, and close() ends a pending prompt", async () => {
    const mailbox = new ManualMailbox({ input: fakeTerminal(), output: new PassThrough() });
    await expect(mailbox.waitForMessage({ to: "u@example.test", timeoutMs: 50 })).rejects.toMatchObject({
      code: "mail_timeout",
      message: "No mail for u@example.test arrived at manual entry on the terminal within 50 ms",
    });
    const pending = mailbox.waitForMessage({ to: "u@example.test", timeoutMs: 30_000 });
    await mailbox.close();
    await expect(pending).rejects.toMatchObject({ code: "mailbox_unavailable" });
  });
});
