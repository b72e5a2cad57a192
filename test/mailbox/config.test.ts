import { describe, expect, it } from "vitest";
import { mailboxConfigSchema, parseMailboxConfig } from "../../src/mailbox/index.ts";

describe("mailbox config", () => {
  it("defaults to an ephemeral loopback SMTP sink", () => {
    expect(parseMailboxConfig(undefined)).toEqual({
      kind: "smtp",
      host: "127.0.0.1",
      port: 0,
      maxMessageBytes: 1024 * 1024,
      maxStoredMessages: 1000,
    });
    expect(parseMailboxConfig({ port: 2525 })).toMatchObject({ kind: "smtp", port: 2525 });
  });

  it("fills defaults for mailpit and http", () => {
    expect(mailboxConfigSchema.parse({ kind: "mailpit" })).toEqual({
      kind: "mailpit",
      baseUrl: "http://127.0.0.1:8025",
      api: "mailpit",
      headers: {},
      requestTimeoutMs: 5000,
      pageSize: 200,
    });
    expect(parseMailboxConfig({ kind: "http", url: "http://127.0.0.1:9000/outbox?to={to}" })).toMatchObject({
      headers: {},
      requestTimeoutMs: 5000,
    });
  });

  it("reports the offending field as bad_config", () => {
    expect(() => parseMailboxConfig({ kind: "smtp", port: 70_000 })).toThrow(expect.objectContaining({ code: "bad_config", field: "port" }));
    expect(() => parseMailboxConfig({ kind: "directory" })).toThrow(expect.objectContaining({ code: "bad_config", field: "path" }));
    expect(() => parseMailboxConfig({ kind: "pigeon" })).toThrow(expect.objectContaining({ code: "bad_config", field: "kind" }));
    expect(() => parseMailboxConfig({ kind: "manual", typo: 1 })).toThrow(expect.objectContaining({ code: "bad_config" }));
  });
});
