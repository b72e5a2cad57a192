import type { ServerResponse } from "node:http";
import type { ServiceContext } from "../context.ts";
import { sendError } from "../http/respond.ts";
import { PATHS, SERVICE_NAME } from "../protocol.ts";
import { newClaimAttemptId, newClaimAttemptToken, sha256Hex } from "../secrets.ts";
import type { ClaimAttempt } from "../store.ts";

/**
 * A fresh claim attempt for `email`. It lives as long as the claim window; the plaintext
 * attempt token leaves the server only in the mailed link.
 */
export function newClaimAttempt(email: string, expiresAt: number): { attempt: ClaimAttempt; attemptToken: string } {
  const attemptToken = newClaimAttemptToken();
  const attempt: ClaimAttempt = {
    id: newClaimAttemptId(),
    tokenHash: sha256Hex(attemptToken),
    email,
    expiresAt,
    otp: null,
    wrongOtpCount: 0,
  };
  return { attempt, attemptToken };
}

export function claimViewLink(origin: string, attemptToken: string): string {
  return `${origin}${PATHS.claimView}?token=${encodeURIComponent(attemptToken)}`;
}

/** Email addresses compare case-insensitively here (good enough for "same user asked again"). */
export function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export interface ClaimMailRequest {
  to: string;
  attemptToken: string;
  /** The agent's claim_token: never part of the mail (only the claim-token-in-mail fault quotes it). */
  claimToken: string;
  /** Which step sends it: the verified_email registration or POST /claim. */
  purpose: "registration" | "claim";
  /** The registration the mail is for (a mail store keyed by registration names its file after it). */
  registrationId: string;
}

/** Mails the claim link; on SMTP failure answers 503 and returns false. */
export async function sendClaimMail(ctx: ServiceContext, mail: ClaimMailRequest, res: ServerResponse): Promise<boolean> {
  const { faults } = ctx;
  if (faults.has("mail-not-sent")) return true;
  if (mail.purpose === "registration" && faults.has("registration-mail-not-sent")) return true;
  if (mail.purpose === "claim" && faults.has("claim-mail-not-sent")) return true;
  const extraLines = faults.has("claim-token-in-mail") ? [`Reference: ${mail.claimToken}`] : [];
  const copies = faults.has("claim-two-mails") ? 2 : 1;
  try {
    for (let i = 0; i < copies; i++) {
      await ctx.mailer.sendClaimLink(mail.to, claimViewLink(ctx.origin, mail.attemptToken), SERVICE_NAME, extraLines, mail.registrationId);
    }
    return true;
  } catch (error) {
    ctx.config.log(`claim mail failed: ${error instanceof Error ? error.name : "error"}`);
    sendError(res, 503, "temporarily_unavailable", "the claim email could not be sent; try again later");
    return false;
  }
}
