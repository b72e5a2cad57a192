import { describe, expect, it } from "vitest";
import { extractClaimLink, extractLinks } from "../../src/mailbox/index.ts";
import type { MailMessage } from "../../src/mailbox/index.ts";

const CLAIM_URL = "https://svc.example.test/agent/auth/claim/view?token=cat_1";

function message(text: string, html?: string): MailMessage {
  return {
    id: "m",
    to: ["u@example.test"],
    subject: "s",
    text,
    ...(html === undefined ? {} : { html }),
    receivedAt: new Date(0),
    links: extractLinks(text, html),
  };
}

describe("extractLinks", () => {
  it("finds text URLs then html hrefs, trims sentence punctuation, decodes entities and de-duplicates", () => {
    const links = extractLinks(
      `See https://a.example.test/x. Or (http://b.example.test/y), again https://a.example.test/x!`,
      `<a href="https://a.example.test/x">a</a> <a href='http://c.example.test/?a=1&amp;b=2'>c</a> <a href=mailto:u@x.test>m</a> <a href="/relative">r</a>`,
    );
    expect(links).toEqual(["https://a.example.test/x", "http://b.example.test/y", "http://c.example.test/?a=1&b=2"]);
  });
});

describe("extractClaimLink", () => {
  it("picks the claim link in a text mail by default, skipping unrelated links", () => {
    const mail = message(`Visit https://svc.example.test/help first.\nThen open ${CLAIM_URL} to confirm.`);
    expect(extractClaimLink(mail)).toBe(CLAIM_URL);
  });

  it("picks the claim link from an HTML mail's hrefs", () => {
    const mail = message("", `<p><a href="https://svc.example.test/">home</a><a class="cta" href="${CLAIM_URL}">View code</a></p>`);
    expect(extractClaimLink(mail)).toBe(CLAIM_URL);
  });

  it("accepts a token query parameter without 'claim' in the path", () => {
    const mail = message("Open https://svc.example.test/verify?token=abc now");
    expect(extractClaimLink(mail)).toBe("https://svc.example.test/verify?token=abc");
  });

  it("returns undefined when nothing looks like a claim link", () => {
    expect(extractClaimLink(message("Only https://svc.example.test/help here"))).toBeUndefined();
  });

  it("uses a custom pattern, ignoring a global flag's lastIndex", () => {
    const mail = message("a https://svc.example.test/claim/view?token=1 b https://svc.example.test/magic/42");
    const pattern = /\/magic\/\d+$/g;
    expect(extractClaimLink(mail, pattern)).toBe("https://svc.example.test/magic/42");
    expect(extractClaimLink(mail, pattern)).toBe("https://svc.example.test/magic/42");
    expect(extractClaimLink(mail, /nothing-matches/)).toBeUndefined();
  });
});
