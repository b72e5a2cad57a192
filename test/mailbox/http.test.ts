import { afterEach, describe, expect, it } from "vitest";
import { MailboxError, createMailbox, extractClaimLink } from "../../src/mailbox/index.ts";
import type { Mailbox } from "../../src/mailbox/index.ts";
import { startFakeServer } from "./fake-server.ts";
import type { FakeServer } from "./fake-server.ts";

const CLAIM_URL = "http://127.0.0.1:4000/agent/auth/claim/view?token=cat_http1";

describe("http mailbox", () => {
  let server: FakeServer | undefined;
  let mailbox: Mailbox | undefined;
  afterEach(async () => {
    await mailbox?.close();
    await server?.close();
  });

  it("polls the outbox URL with the encoded recipient until the mail shows up", async () => {
    const outbox: unknown[] = [];
    const seenHeaders: string[] = [];
    server = await startFakeServer((url, request) => {
      seenHeaders.push(String(request.headers["x-outbox-key"]));
      const to = url.searchParams.get("to");
      return { json: outbox.filter((message) => (message as { to: string }).to === to) };
    });
    mailbox = await createMailbox({
      kind: "http",
      url: `${server.baseUrl}/outbox?to={to}`,
      headers: { "x-outbox-key": "k1" },
    });
    let polls = 0;
    const waiting = mailbox.waitForMessage({
      to: "a+b@example.test",
      timeoutMs: 3_000,
      pollIntervalMs: 20,
      onProgress: () => {
        polls += 1;
        // The service "sends" the mail once the harness is already waiting.
        if (polls === 2) {
          outbox.push({
            to: "a+b@example.test",
            subject: "Confirm",
            html: `<a href="${CLAIM_URL}">View one-time code</a>`,
            receivedAt: new Date().toISOString(),
          });
        }
      },
    });
    const message = await waiting;
    expect(message.subject).toBe("Confirm");
    expect(message.text).toContain("View one-time code");
    expect(extractClaimLink(message)).toBe(CLAIM_URL);
    expect(server.requests[0]).toBe("/outbox?to=a%2Bb%40example.test");
    expect(seenHeaders[0]).toBe("k1");
    expect(mailbox.describe()).toBe(`http outbox ${server.baseUrl}/outbox?to={to}`);
  });

  it("accepts {messages: [...]}, filters by recipient itself, orders by receivedAt and counts", async () => {
    server = await startFakeServer(() => ({
      json: {
        messages: [
          { id: 2, to: ["x@example.test"], subject: "second", text: "2", receivedAt: "2030-01-01T00:00:02Z" },
          { id: 1, to: "X <X@example.test>", subject: "first", text: "1", receivedAt: "2030-01-01T00:00:01Z" },
          { id: 3, to: "other@example.test", subject: "other", text: "3", receivedAt: "2030-01-01T00:00:00Z" },
        ],
      },
    }));
    mailbox = await createMailbox({ kind: "http", url: `${server.baseUrl}/all` });
    expect(await mailbox.count({ to: "x@example.test" })).toBe(2);
    const first = await mailbox.waitForMessage({ to: "x@example.test", timeoutMs: 1_000 });
    const second = await mailbox.waitForMessage({ to: "x@example.test", timeoutMs: 1_000 });
    expect([first.id, second.id]).toEqual(["1", "2"]);
    await expect(mailbox.waitForMessage({ to: "x@example.test", timeoutMs: 100, pollIntervalMs: 20 })).rejects.toMatchObject({
      code: "mail_timeout",
    });
  });

  it("reports a malformed outbox as parse_error with the field", async () => {
    server = await startFakeServer(() => ({ json: [{ subject: "no recipient" }] }));
    mailbox = await createMailbox({ kind: "http", url: `${server.baseUrl}/outbox` });
    const error = await mailbox.waitForMessage({ to: "x@example.test", timeoutMs: 1_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MailboxError);
    expect(error).toMatchObject({ code: "parse_error", field: "messages.0.to" });
  });

  it("keeps retrying an unavailable outbox, then says so instead of mail_timeout", async () => {
    server = await startFakeServer(() => ({ status: 503, body: "down" }));
    mailbox = await createMailbox({ kind: "http", url: `${server.baseUrl}/outbox` });
    const error = await mailbox
      .waitForMessage({ to: "x@example.test", timeoutMs: 200, pollIntervalMs: 20 })
      .catch((caught: unknown) => caught as MailboxError);
    expect(error).toMatchObject({ code: "mailbox_unavailable" });
    expect((error as MailboxError).message).toContain("HTTP 503");
    expect(server.requests.length).toBeGreaterThan(1);
  });

  it("rejects a template that is not an http URL as bad_config", async () => {
    await expect(createMailbox({ kind: "http", url: "ftp://127.0.0.1/{to}" })).rejects.toMatchObject({
      code: "bad_config",
      field: "url",
    });
  });
});
