// Revocation scenarios: register credentials for a user, post a logout token to revocation_uri,
// and watch the protected API (bounded polling) to see what was revoked.
import type { MockProviderClient } from "../../../mock-provider/client.ts";
import type { HttpResponse } from "../../../src/http/client.ts";
import { blocked, type CheckContext, notTestable, prerequisite } from "../../../src/suite/index.ts";
import { pollUntil } from "./id-jag-logic.ts";
import { callApi, type IdJagSetup, idJagSetup, newSubject, registerAssertion, registered, requireBaseline } from "./id-jag-setup.ts";

export interface RevocationSetup extends IdJagSetup {
  revocationUri: string;
  /** aud of the ID-JAGs and of the logout tokens: the decided audience (the AS issuer by default). */
  audience: string;
}

export async function revocationSetup(ctx: CheckContext): Promise<RevocationSetup> {
  const setup = idJagSetup(ctx);
  const revocationUri = ctx.target.endpoints.revocation;
  if (!revocationUri) {
    blocked({
      id: "no-revocation-uri",
      title: "agent_auth has no revocation_uri (see DISC-AA-01)",
      evidence: { message: "The revocation checks POST logout tokens to agent_auth.revocation_uri.", data: { endpoints: ctx.target.endpoints } },
    });
  }
  const audience = await requireBaseline(ctx, setup);
  return { ...setup, revocationUri, audience };
}

/**
 * Prerequisite "the revocation endpoint accepts a valid logout token". A broken token's refusal
 * shows a check only where a valid token is accepted: a missing endpoint answers 404 to both.
 * Established once per run with a valid token for a user who holds a credential (REV-01's case).
 */
export async function requireLogoutBaseline(ctx: CheckContext, setup: RevocationSetup): Promise<void> {
  await prerequisite("logout-baseline", async () => {
    // REV-01's case, a user who holds a credential (a service may answer 404 for a user with none).
    const sub = newSubject("logout-baseline");
    await holdCredential(ctx, setup, "credential of the logout baseline", sub);
    const res = await postLogout(ctx, setup, await setup.provider.mintLogout({ audience: setup.audience, subject: sub }));
    if (res.status >= 200 && res.status < 300) return { ok: true, value: undefined };
    return {
      ok: false,
      title: `The revocation endpoint refuses a valid logout token (${res.status}; see REV-01)`,
      evidence: {
        message: `POST ${setup.revocationUri} with a valid logout token (for a user who holds a working credential) answered ${res.status}: a refusal of a broken token means nothing until a valid one is accepted.`,
        data: { revocationUri: setup.revocationUri, status: res.status },
      },
    };
  });
}

export interface Held {
  label: string;
  credential: string;
  credentialType: string;
  iss: string;
  sub: string;
}

/** Register a credential for `sub` at `provider` and prove it works on the API first. */
export async function holdCredential(
  ctx: CheckContext,
  setup: RevocationSetup,
  label: string,
  sub: string,
  options: { credentialType?: string; provider?: MockProviderClient; issuer?: string } = {},
): Promise<Held> {
  const provider = options.provider ?? setup.provider;
  const iss = options.issuer ?? setup.issuer;
  const credentialType = options.credentialType ?? setup.credentialTypes[0]!;
  const res = await registerAssertion(ctx, setup, await provider.mintIdJag({ audience: setup.audience, subject: sub }), credentialType);
  const reg = await registered(ctx, res, { iss, sub, aud: setup.audience });
  if (!reg?.credential) notTestable(`${label}: a valid ID-JAG from ${iss} asking for ${credentialType} was refused with ${res.status} (see IDJAG-BASE-01)`);
  const probe = await callApi(ctx, reg.credential);
  if (probe.status < 200 || probe.status >= 300) {
    // Revocation is judged by the API refusing a credential that worked: one that never worked proves nothing.
    blocked({
      id: "idjag-credential-unusable",
      title: "A credential issued for a valid ID-JAG does not work on the API (see IDJAG-BASE-02)",
      evidence: { message: `${label}: ${ctx.target.api.read.method} ${ctx.target.api.read.url} with the fresh credential answered ${probe.status}. Check api.read, or why the service refuses its own credential.`, data: { status: probe.status } },
    });
  }
  return { label, credential: reg.credential, credentialType: reg.credentialType, iss, sub };
}

/** POST a logout token the way the v0.1 docs do: a raw JWT body, Content-Type application/logout+jwt. */
export function postLogout(ctx: CheckContext, setup: RevocationSetup, token: string): Promise<HttpResponse> {
  return ctx.http.send({ method: "POST", url: setup.revocationUri, headers: { "content-type": "application/logout+jwt" }, body: token });
}

export async function works(ctx: CheckContext, held: Held): Promise<boolean> {
  const res = await callApi(ctx, held.credential);
  return res.status >= 200 && res.status < 300;
}

/** Bounds of the wait for a revocation to show on the API. */
export const REVOCATION_POLL = { maxAttempts: 12, maxTotalMs: 5_000, intervalMs: 250 } as const;

/** Poll until every credential is refused (bounded). Returns the statuses seen last and the delay. */
export async function awaitRefused(ctx: CheckContext, held: readonly Held[]): Promise<{ refused: boolean; statuses: Record<string, number>; elapsedMs: number; attempts: number }> {
  const result = await pollUntil(
    async () => {
      const statuses: Record<string, number> = {};
      for (const h of held) statuses[h.label] = (await callApi(ctx, h.credential)).status;
      return statuses;
    },
    (statuses) => Object.values(statuses).every((s) => s < 200 || s >= 300),
    REVOCATION_POLL,
  );
  return { refused: result.done, statuses: result.value, elapsedMs: result.elapsedMs, attempts: result.attempts };
}
