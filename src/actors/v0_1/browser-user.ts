import type { HttpClient, HttpResponse } from "../../http/client.ts";
import { extractClaimLink } from "../../mailbox/links.ts";
import type { ReceivedClaimMail, RevealedCode, UserActor } from "../user.ts";

export interface BrowserUserV01Options {
  /** The client every exchange goes through (it records the evidence). */
  http: HttpClient;
  /** POST /agent/auth/claim/attempt/challenge on the target. */
  challengeUrl: string;
  /** Configured mail.linkPattern, if any. */
  linkPattern?: RegExp;
}

/** The query parameter of the v0.1 claim-view link that carries the claim_attempt_token. */
export const ATTEMPT_TOKEN_PARAM = "token";

/** The claim_attempt_token a v0.1 claim-view link carries, or undefined. */
export function attemptTokenFromLink(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const token = url.searchParams.get(ATTEMPT_TOKEN_PARAM);
  return token === null || token === "" ? undefined : token;
}

/**
 * Read a challenge answer as the v0.1 claim page does: a 2xx JSON `{type: "otp", challenge,
 * expires_at}`. The code is what the page would display: a string as is, a number printed
 * (which loses leading zeros, as a browser would).
 */
export function readChallengeAnswer(response: HttpResponse): RevealedCode {
  const body = response.json;
  const object = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const raw = object?.challenge;
  const base = { raw, response, ...(object && "expires_at" in object ? { expiresAt: object.expires_at } : {}) };
  if (response.status < 200 || response.status >= 300) {
    const error = typeof object?.error === "string" ? ` ${object.error}` : "";
    return { ...base, problem: `the challenge endpoint answered ${response.status}${error}` };
  }
  if (typeof raw === "string" && raw.length > 0) return { ...base, code: raw };
  if (typeof raw === "number" && Number.isFinite(raw)) return { ...base, code: String(raw) };
  return { ...base, problem: "the challenge answer has no `challenge` code" };
}

/**
 * The v0.1 user: opens the mailed claim-view link (a GET, which must mint nothing), then does
 * what the page's button does: POST {claim_attempt_token} (the link's `token` parameter) to the
 * challenge endpoint, which mints the OTP shown to the user.
 */
export class BrowserUserV01 implements UserActor {
  constructor(private readonly options: BrowserUserV01Options) {}

  claimLink(mail: ReceivedClaimMail): string | undefined {
    // extractClaimLink only reads `links`; the rest of MailMessage is irrelevant here.
    return extractClaimLink({ id: "", to: mail.to, subject: mail.subject, text: mail.text, receivedAt: new Date(0), links: mail.links }, this.options.linkPattern);
  }

  open(link: string): Promise<HttpResponse> {
    return this.options.http.get(link, { headers: { accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5" }, followRedirects: true });
  }

  async revealCode(link: string): Promise<RevealedCode> {
    const token = attemptTokenFromLink(link);
    if (token === undefined) {
      throw new UserActorError("no_attempt_token", `the claim link has no \`${ATTEMPT_TOKEN_PARAM}\` query parameter carrying the claim_attempt_token`);
    }
    const response = await this.options.http.postJson(this.options.challengeUrl, { claim_attempt_token: token });
    return readChallengeAnswer(response);
  }
}

/** The actor could not do what a user would (the mail or link is not usable): a prerequisite, not a verdict. */
export class UserActorError extends Error {
  constructor(
    readonly code: "no_attempt_token",
    message: string,
  ) {
    super(message);
    this.name = "UserActorError";
  }
}
