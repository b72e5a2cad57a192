import { afterEach, describe, expect, it } from "vitest";
import { createMailbox, extractClaimLink } from "../../src/mailbox/index.ts";
import type { Mailbox } from "../../src/mailbox/index.ts";
import { startFakeServer } from "./fake-server.ts";
import type { FakeServer } from "./fake-server.ts";

const CLAIM_URL = "http://127.0.0.1:4000/agent/auth/claim/view?token=cat_pit1";

interface StoredMail {
  ID: string;
  To: string;
  Subject: string;
  Created: string;
  Text: string;
  HTML: string;
}

/** The subset of Mailpit's /api/v1 this adapter uses; the list is newest first, like Mailpit's. */
function mailpitHandler(store: StoredMail[]) {
  return (url: URL) => {
    if (url.pathname === "/api/v1/messages") {
      const limit = Number(url.searchParams.get("limit") ?? "50");
      const newestFirst = [...store].reverse().slice(0, limit);
      return {
        json: {
          total: store.length,
          count: newestFirst.length,
          messages: newestFirst.map((mail) => ({
            ID: mail.ID,
            From: { Name: "", Address: "service@example.test" },
            To: [{ Name: "", Address: mail.To }],
            Cc: null,
            Bcc: null,
            Subject: mail.Subject,
            Created: mail.Created,
          })),
        },
      };
    }
    const match = /^\/api\/v1\/message\/([^/]+)$/.exec(url.pathname);
    const mail = match ? store.find((candidate) => candidate.ID === decodeURIComponent(match[1] ?? "")) : undefined;
    if (mail === undefined) return { status: 404, body: "not found" };
    return {
      json: {
        ID: mail.ID,
        From: { Name: "", Address: "service@example.test" },
        To: [{ Name: "", Address: mail.To }],
        Cc: [],
        Bcc: [],
        Subject: mail.Subject,
        Text: mail.Text,
        HTML: mail.HTML,
      },
    };
  };
}

describe("mailpit mailbox", () => {
  let server: FakeServer | undefined;
  let mailbox: Mailbox | undefined;
  afterEach(async () => {
    await mailbox?.close();
    await server?.close();
  });

  it("lists, then fetches the oldest matching message's Text and HTML", async () => {
    const store: StoredMail[] = [];
    server = await startFakeServer(mailpitHandler(store));
    mailbox = await createMailbox({ kind: "mailpit", baseUrl: `${server.baseUrl}/` });
    let polls = 0;
    const message = await mailbox.waitForMessage({
      to: "USER@example.test",
      timeoutMs: 3_000,
      pollIntervalMs: 20,
      onProgress: () => {
        polls += 1;
        if (polls === 1) {
          store.push(
            { ID: "m1", To: "user@example.test", Subject: "first", Created: "2030-01-01T00:00:01.000Z", Text: `Open ${CLAIM_URL}`, HTML: `<a href="${CLAIM_URL}">x</a>` },
            { ID: "m2", To: "other@example.test", Subject: "other", Created: "2030-01-01T00:00:02.000Z", Text: "", HTML: "" },
            { ID: "m3", To: "user@example.test", Subject: "second", Created: "2030-01-01T00:00:03.000Z", Text: "again", HTML: "" },
          );
        }
      },
    });
    expect(message.id).toBe("m1");
    expect(message.from).toBe("service@example.test");
    expect(extractClaimLink(message)).toBe(CLAIM_URL);
    expect(await mailbox.count({ to: "user@example.test" })).toBe(2);
    expect(await mailbox.count({ to: "user@example.test", after: new Date("2030-01-01T00:00:02.000Z") })).toBe(1);
    const next = await mailbox.waitForMessage({ to: "user@example.test", timeoutMs: 1_000 });
    expect(next.subject).toBe("second");
    // Only the chosen messages' bodies were fetched, never the other recipient's.
    expect(server.requests.filter((path) => path.startsWith("/api/v1/message/"))).toEqual(["/api/v1/message/m1", "/api/v1/message/m3"]);
    expect(server.requests[0]).toBe("/api/v1/messages?start=0&limit=200");
    expect(mailbox.describe()).toBe(`mailpit at ${server.baseUrl}/`);
  });

  it("times out naming Mailpit and the address", async () => {
    server = await startFakeServer(mailpitHandler([]));
    mailbox = await createMailbox({ kind: "mailpit", baseUrl: server.baseUrl });
    await expect(mailbox.waitForMessage({ to: "none@example.test", timeoutMs: 150, pollIntervalMs: 20 })).rejects.toMatchObject({
      code: "mail_timeout",
      message: `No mail for none@example.test arrived at mailpit at ${server.baseUrl} within 150 ms`,
    });
  });

  it("reads MailHog's v2 search, parsing the raw message", async () => {
    const raw = [
      "From: service@example.test",
      "To: hog@example.test",
      "Subject: From MailHog",
      "Content-Type: text/html; charset=utf-8",
      "",
      `<p><a href="${CLAIM_URL}">View one-time code</a></p>`,
    ].join("\r\n");
    server = await startFakeServer((url) => {
      if (url.pathname !== "/api/v2/search") return { status: 404, body: "" };
      return {
        json: {
          total: 2,
          count: 2,
          start: 0,
          items: [
            // A substring match MailHog would also return; the adapter must not take it.
            { ID: "h2", Created: "2030-01-01T00:00:02Z", Raw: { To: ["xhog@example.test"], Data: raw.replace("To: hog@", "To: xhog@") }, Content: { Headers: { To: ["xhog@example.test"] } } },
            { ID: "h1", Created: "2030-01-01T00:00:01Z", Raw: { To: ["hog@example.test"], Data: raw }, Content: { Headers: { To: ["hog@example.test"] } } },
          ],
        },
      };
    });
    mailbox = await createMailbox({ kind: "mailpit", api: "mailhog", baseUrl: server.baseUrl });
    const message = await mailbox.waitForMessage({ to: "hog@example.test", timeoutMs: 1_000 });
    expect(message.id).toBe("h1");
    expect(message.subject).toBe("From MailHog");
    expect(message.links).toEqual([CLAIM_URL]);
    expect(await mailbox.count({ to: "hog@example.test" })).toBe(1);
    expect(server.requests[0]).toBe("/api/v2/search?kind=to&query=hog%40example.test&start=0&limit=200");
  });

  it("reports a store that does not speak the API as parse_error", async () => {
    server = await startFakeServer(() => ({ json: { unexpected: true } }));
    mailbox = await createMailbox({ kind: "mailpit", baseUrl: server.baseUrl });
    await expect(mailbox.count({ to: "x@example.test" })).rejects.toMatchObject({ code: "parse_error", field: "messages" });
  });
});
