import { randomUUID } from "node:crypto";
import { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { blocked, type CheckContext, type Established, prerequisite, runtime } from "../../../src/suite/index.ts";
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
 * The aud of the tokens the mock provider mints for this target (ID-JAGs and SETs), from the
 * config's `audience` (v0.7.md §15 P1): `issuer` = the AS issuer (S6, the ID-JAG draft, the
 * reference), `resource` = the PRM resource (A7 Step 3), a URL = that URL. `auto` (the default)
 * learns it once per run (learnAudience): the issuer, unless the target refuses a clean
 * ID-JAG addressed to it and accepts one addressed to the PRM resource.
 */
export async function providerAudience(ctx: CheckContext): Promise<string> {
  const mode = runtime().data.settings.audience ?? "auto";
  if (mode === "issuer") return asIssuer(ctx);
  if (mode === "resource") return ctx.target.resource ?? asIssuer(ctx);
  if (typeof mode === "string" && /^https?:\/\//i.test(mode)) return mode;
  const learnt = await prerequisite("v07-idjag-audience", () => learnAudience(ctx));
  if (learnt.reading === "resource") ctx.note(`ID-JAG and SET aud = the PRM resource ${learnt.aud} (audience: auto): ${learnt.why}`);
  return learnt.aud;
}

/** Issuer codes (§15 P2): a refusal about the issuer is not about the audience, so no fallback. */
const ISSUER_CODES = ["invalid_issuer", "issuer_not_enabled"];

/**
 * `audience: auto`: one clean ID-JAG (fresh user, fresh auth_time) addressed to the AS issuer; when
 * a 400 refuses it for anything but the issuer, one addressed to the PRM resource. The first one
 * accepted names the reading; when neither is, the issuer stays (IDJ-02 then reports the refusal).
 */
async function learnAudience(ctx: CheckContext): Promise<Established<{ aud: string; reading: "issuer" | "resource"; why: string }>> {
  const issuer = asIssuer(ctx);
  const resource = ctx.target.resource;
  const provider = providerClient();
  const agent = new AgentV07(ctx.http, ctx.target);
  if (!provider || !agent.endpoint("identity") || !resource || resource === issuer) {
    return { ok: true, value: { aud: issuer, reading: "issuer", why: "the issuer reading (nothing to learn)" } };
  }
  const attempt = async (aud: string) => {
    const subject = `user_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    const assertion = await provider.mintIdJagAuthTime({ audience: aud, subject, email: `${subject}@agents.example.org`, authTime: "fresh", maxAge: 3600 });
    return agent.register({ type: "identity_assertion", assertion });
  };
  const first = await attempt(issuer);
  const code = isObjectJson(first.json) && typeof first.json.error === "string" ? first.json.error : undefined;
  if (first.status !== 400 || ISSUER_CODES.includes(code ?? "")) {
    return { ok: true, value: { aud: issuer, reading: "issuer", why: `aud = the AS issuer answered ${first.status}` } };
  }
  const second = await attempt(resource);
  if (second.status === 200) {
    return { ok: true, value: { aud: resource, reading: "resource", why: `aud = the AS issuer answered 400${code ? ` ${code}` : ""}, aud = the PRM resource 200` } };
  }
  return { ok: true, value: { aud: issuer, reading: "issuer", why: `neither reading was accepted (issuer: 400${code ? ` ${code}` : ""}, resource: ${second.status})` } };
}

function isObjectJson(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
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
  const assertion = await provider.mintIdJagAuthTime({ audience: await providerAudience(ctx), subject, email, authTime: "fresh", maxAge: 3600 });
  return { assertion, email, subject };
}

/** An ID-JAG for a new (or the given) user whose auth_time follows the variant (v0.7.md §4.1, AT-*). */
export async function mintIdJagAuthTime(ctx: CheckContext, input: { authTime: AuthTimeVariant; maxAge: number; subject?: string }): Promise<{ assertion: string; subject: string }> {
  const provider = providerClient();
  if (!provider) {
    blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "auth_time checks need the mock provider to mint ID-JAGs the target trusts" } });
  }
  const subject = input.subject ?? `user_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const assertion = await provider.mintIdJagAuthTime({ audience: await providerAudience(ctx), subject, email: `${subject}@agents.example.org`, authTime: input.authTime, maxAge: input.maxAge });
  return { assertion, subject };
}

/** A Security Event Token from the mock provider (RFC 8417), for the given provider subject. */
export async function mintSet(ctx: CheckContext, input: { subject: string } & Omit<SecEventInput, "audience" | "subject"> & { audience?: string }): Promise<string> {
  const provider = providerClient();
  if (!provider) {
    blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "SET checks need the mock provider to mint Security Event Tokens the target trusts" } });
  }
  return provider.mintSet({ ...input, audience: input.audience ?? (await providerAudience(ctx)) });
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
  const assertion = await provider.mintIdJagAuthTime({ audience: await providerAudience(ctx), subject: sub, email, authTime: "fresh", maxAge: 3600 });
  return { assertion, subject: sub };
}

/** A provider ID-JAG for a new user with a fresh auth_time and the given overrides (a broken one, for error-code checks). */
export async function idJagWith(ctx: CheckContext, overrides: Omit<Partial<IdJagInput>, "subject">): Promise<string> {
  const provider = providerClient();
  if (!provider) {
    blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "ID-JAG checks need the mock provider to mint ID-JAGs the target trusts" } });
  }
  const subject = `user_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  return provider.mintIdJagAuthTime({ audience: await providerAudience(ctx), subject, email: `${subject}@agents.example.org`, authTime: "fresh", maxAge: 3600, ...overrides });
}
