import { randomUUID } from "node:crypto";
import { blocked, type CheckContext } from "../../../src/suite/index.ts";
import { providerClient } from "../../../src/suite/harness-clients.ts";
import type { SecEventInput } from "../../../mock-provider/set.ts";
import type { AuthTimeVariant } from "../../../mock-provider/auth-time.ts";
import type { IdJagInput } from "../../../mock-provider/mint.ts";

export const NO_PROVIDER_CAUSE = "no-mock-provider";

/** The AS issuer an ID-JAG is addressed to (v0.7 default reading of aud: the issuer, §15 P1). */
export function asIssuer(ctx: CheckContext): string {
  const issuer = ctx.target.asMetadata?.issuer;
  return typeof issuer === "string" ? issuer.replace(/\/+$/, "") : (ctx.target.authorizationServer ?? ctx.target.url).replace(/\/+$/, "");
}

/**
 * A clean provider ID-JAG for a new user (no existing account, so no first-link confirmation) with
 * a fresh auth_time (v0.7.md §4.1). Blocked when the run has no mock provider.
 */
export async function freshIdJag(ctx: CheckContext, user?: { subject: string }): Promise<{ assertion: string; email: string; subject: string }> {
  const provider = providerClient();
  if (!provider) {
    blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "ID-JAG checks need the mock provider to mint ID-JAGs the target trusts" } });
  }
  const subject = user?.subject ?? `user_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const email = `${subject}@agents.example.org`;
  // maxAge 3600 is the reference's default; "fresh" is now − 5 s, inside any max_age.
  const assertion = await provider.mintIdJagAuthTime({ audience: asIssuer(ctx), subject, email, authTime: "fresh", maxAge: 3600 });
  return { assertion, email, subject };
}

/** An ID-JAG for a new (or the given) user whose auth_time follows the variant (v0.7.md §4.1, AT-*). */
export async function mintIdJagAuthTime(ctx: CheckContext, input: { authTime: AuthTimeVariant; maxAge: number; subject?: string }): Promise<{ assertion: string; subject: string }> {
  const provider = providerClient();
  if (!provider) {
    blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "auth_time checks need the mock provider to mint ID-JAGs the target trusts" } });
  }
  const subject = input.subject ?? `user_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const assertion = await provider.mintIdJagAuthTime({ audience: asIssuer(ctx), subject, email: `${subject}@agents.example.org`, authTime: input.authTime, maxAge: input.maxAge });
  return { assertion, subject };
}

/** A Security Event Token from the mock provider (RFC 8417), for the given provider subject. */
export async function mintSet(ctx: CheckContext, input: { subject: string } & Omit<SecEventInput, "audience" | "subject"> & { audience?: string }): Promise<string> {
  const provider = providerClient();
  if (!provider) {
    blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "SET checks need the mock provider to mint Security Event Tokens the target trusts" } });
  }
  return provider.mintSet({ ...input, audience: input.audience ?? asIssuer(ctx) });
}

/**
 * A fresh provider ID-JAG (fresh auth_time, new jti) whose verified email is `email`: an existing
 * service account's for first-link confirmation (STEP-*), or a new user's. A new subject unless given.
 */
export async function idJagWithEmail(ctx: CheckContext, email: string, subject?: string): Promise<{ assertion: string; subject: string }> {
  const provider = providerClient();
  if (!provider) {
    blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "ID-JAG checks need the mock provider to mint ID-JAGs the target trusts" } });
  }
  const sub = subject ?? `user_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const assertion = await provider.mintIdJagAuthTime({ audience: asIssuer(ctx), subject: sub, email, authTime: "fresh", maxAge: 3600 });
  return { assertion, subject: sub };
}

/** A provider ID-JAG for a new user with a fresh auth_time and the given overrides (a broken one, for error-code checks). */
export async function idJagWith(ctx: CheckContext, overrides: Omit<Partial<IdJagInput>, "subject">): Promise<string> {
  const provider = providerClient();
  if (!provider) {
    blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "ID-JAG checks need the mock provider to mint ID-JAGs the target trusts" } });
  }
  const subject = `user_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  return provider.mintIdJagAuthTime({ audience: asIssuer(ctx), subject, email: `${subject}@agents.example.org`, authTime: "fresh", maxAge: 3600, ...overrides });
}
