import type { HttpResponse } from "../http/client.ts";

/**
 * The human in a claim ceremony, played headlessly. Suites talk to this interface only, so a
 * later profile (v0.4: sign in at the service and type a user_code) swaps the implementation
 * without touching the checks that drive the ceremony.
 */

/** A claim mail as the user received it (the parts an actor looks at). */
export interface ReceivedClaimMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Every http(s) URL in the mail, in order. */
  links: string[];
}

/** What the user saw after asking the service for the code they read back to the agent. */
export interface RevealedCode {
  /** The code as the user would read it out; undefined when the service showed none. */
  code?: string;
  /** The value exactly as the service sent it (a JSON number would have lost leading zeros). */
  raw: unknown;
  /** When the service says the code expires, as sent. */
  expiresAt?: unknown;
  /** The exchange that produced it (or refused to). */
  response: HttpResponse;
  /** Why no code came back, in words, when none did. */
  problem?: string;
}

export interface UserActor {
  /** The link in the mail the user would open, or undefined when the mail has none. */
  claimLink(mail: ReceivedClaimMail): string | undefined;
  /** Open the link in a browser: what a link scanner or a page reload does too. Must be harmless. */
  open(link: string): Promise<HttpResponse>;
  /** Do what the page asks in order to show the code (v0.1: the page POSTs to the challenge endpoint). */
  revealCode(link: string): Promise<RevealedCode>;
}
