import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUserActorV07 } from "../../src/actors/v0_7/create.ts";
import { RequestBudget } from "../../src/http/budget.ts";
import { HttpClient } from "../../src/http/client.ts";
import type { RawExchange } from "../../src/http/record.ts";
import { Redactor } from "../../src/http/redact.ts";
import { CLAIM_GRANT, PATHS_V07 as P } from "../../sample-service/v0_7/index.ts";
import { ALICE, Rig, attemptTokenOf } from "../sample-service-v07/helpers.ts";
import { exampleActorConfig, request } from "./v07-helpers.ts";

/**
 * The protocol's separation (v0.7.md §14): the user never sees the agent's secrets and the agent
 * never sees the user's session. Both sides keep raw records here (nothing masked), so a leak
 * would show in clear.
 */
describe("v0.7 user actor: the agent's secrets and the user's session stay apart", () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await Rig.start();
  });
  afterEach(async () => {
    await rig.close();
  });

  it("the actor's result holds no claim_token, assertion or access token; the agent's exchanges hold no session cookie", async () => {
    const agentRaw: RawExchange[] = [];
    const agent = new HttpClient({ requestTimeoutMs: 10_000, maxBodyBytes: 1_000_000, allowedOrigins: new Set([rig.url]), budget: new RequestBudget(100, 1000), redactor: new Redactor() }).withDeferredLog(agentRaw);
    const actorRedactor = new Redactor();
    const actor = createUserActorV07(exampleActorConfig("user-actor.sample.yaml"), { allowedOrigins: [rig.url], redactor: actorRedactor });

    const reg = await agent.postJson(`${rig.url}${P.identity}`, { type: "anonymous" });
    const registration = reg.json as Record<string, string>;
    const claim = await agent.postJson(`${rig.url}${P.claim}`, { type: "login_hint", claim_token: registration.claim_token, login_hint: ALICE });
    const attempt = (claim.json as { claim_attempt: { verification_uri: string; user_code: string } }).claim_attempt;

    const result = await actor.confirm(request(attempt.verification_uri, attempt.user_code, ALICE));
    expect(result.outcome).toBe("confirmed");

    rig.clock.advance(20);
    const poll = await agent.send({
      method: "POST",
      url: `${rig.url}${P.token}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: CLAIM_GRANT, claim_token: registration.claim_token ?? "" }).toString(),
    });
    const token = poll.json as Record<string, string>;
    expect(poll.status).toBe(200);

    const agentSecrets = [registration.claim_token, registration.identity_assertion, token.access_token, token.identity_assertion].map(String);
    for (const secret of agentSecrets) expect(secret.length).toBeGreaterThan(10);
    const actorSide = JSON.stringify(result);
    for (const secret of agentSecrets) expect(actorSide).not.toContain(secret);
    expect(actorRedactor.known().some((s) => agentSecrets.includes(s))).toBe(false);

    // The session: its value is what the actor's redactor learnt from the Set-Cookie it received.
    const sid = result.cookies.find((c) => c.name === "sid");
    expect(sid).toBeDefined();
    expect(Object.values(sid ?? {}).join(" ")).not.toMatch(/sid_/);
    const sessionValues = actorRedactor.known().filter((s) => s.startsWith("sid_"));
    expect(sessionValues.length).toBeGreaterThan(0);
    expect(agentRaw.length).toBe(3);
    const agentSide = JSON.stringify(agentRaw);
    for (const value of sessionValues) {
      expect(agentSide).not.toContain(value);
      expect(actorSide).not.toContain(value);
    }
    // The claim_attempt_token the reference nests in return_to is masked from the first request on.
    const attemptToken = attemptTokenOf(attempt.verification_uri);
    expect(attemptToken).toMatch(/^cvt_/);
    expect(JSON.stringify(result.evidence)).not.toContain(attemptToken);
    expect(JSON.stringify(result.steps)).not.toContain(attemptToken);
    for (const exchange of agentRaw) expect(Object.keys(exchange.requestHeaders).map((h) => h.toLowerCase())).not.toContain("cookie");
  });
});
