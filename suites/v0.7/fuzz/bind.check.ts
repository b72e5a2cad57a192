import fc from "fast-check";
import type { UserActorV07 } from "../../../src/actors/v0_7/types.ts";
import { runProperty } from "../../../src/fuzz/property.ts";
import type { HttpClient, HttpResponse } from "../../../src/http/client.ts";
import { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { check } from "../../../src/suite/index.ts";
import { userAccounts, userActorConfig, withUserActor } from "../../../src/suite/user-actor.ts";
import { agentWith } from "../support/agent.ts";
import { anonymousCeremony, bodyOf, boundsFor, type Ceremony, describeAnswer, reportProperty } from "../support/fuzz-env.ts";

// A claim_token and an identity_assertion belong to one registration (v0.7.md §6–§7, §12).

type Swap =
  | "assertion as claim_token at the claim grant"
  | "assertion as claim_token at /claim"
  | "claim_token as assertion at jwt-bearer"
  | "the other registration's user_code on this link"
  | "poll this one after the other is confirmed";

const AGENT_SWAPS: readonly Swap[] = ["assertion as claim_token at the claim grant", "assertion as claim_token at /claim", "claim_token as assertion at jwt-bearer"];
const USER_SWAPS: readonly Swap[] = ["the other registration's user_code on this link", "poll this one after the other is confirmed"];

interface Held {
  claimToken: string;
  assertion: string;
  ceremony: Ceremony;
  /** Wrong entries on its ceremony so far (kept below any lockout), or claimed: replace it. */
  spent: number;
}

/** Wrong entries a ceremony takes here before a fresh registration replaces it. */
const MAX_SPENT = 3;

const minted = (res: HttpResponse): boolean => res.status === 200 && typeof bodyOf(res).access_token === "string";

check("FUZZ-BIND-01", async (ctx) => {
  agentWith(ctx, "identity", "claim", "token");
  const user = userActorConfig() !== undefined;
  if (!user) ctx.note("The user's swaps (another registration's user_code, a poll after the other's confirmation) are left out: no user actor configured (userActor).");
  const accounts = userAccounts();
  const hint = accounts?.confirm.email ?? "fuzz-bind@agents.example.org";
  const swaps = user ? [...AGENT_SWAPS, ...USER_SWAPS] : AGENT_SWAPS;
  let pair: [Held | undefined, Held | undefined] = [undefined, undefined];
  let made = 0;
  const fresh = async (agent: AgentV07): Promise<Held | undefined> => {
    const started = await anonymousCeremony(agent, hint);
    if ("problem" in started || started.assertion === undefined) return undefined;
    made++;
    return { claimToken: started.claimToken, assertion: started.assertion, ceremony: started.ceremony, spent: 0 };
  };
  const property = (actor: UserActorV07 | undefined) =>
    runProperty(
      ctx.http,
      fc.record({ swap: fc.constantFrom(...swaps), presenter: fc.constantFrom(0 as const, 1 as const) }),
      async ({ swap, presenter }, http: HttpClient) => {
        const agent = new AgentV07(http, ctx.target);
        for (const i of [0, 1] as const) if (!pair[i] || pair[i]!.spent >= MAX_SPENT) pair[i] = await fresh(agent);
        const mine = pair[presenter];
        const other = pair[presenter === 0 ? 1 : 0];
        if (!mine || !other) return undefined;
        switch (swap) {
          case "assertion as claim_token at the claim grant": {
            const res = await agent.token.claimGrant(mine.assertion);
            return minted(res) ? `the claim grant minted an access_token for an identity_assertion presented as claim_token (${describeAnswer(res)})` : undefined;
          }
          case "assertion as claim_token at /claim": {
            const res = await agent.claim({ claimToken: mine.assertion, loginHint: hint });
            return res.status >= 200 && res.status < 300 ? `/claim accepted an identity_assertion as claim_token (${describeAnswer(res)})` : undefined;
          }
          case "claim_token as assertion at jwt-bearer": {
            const res = await agent.token.jwtBearer(mine.claimToken);
            return minted(res) ? `jwt-bearer minted an access_token for a claim_token presented as assertion (${describeAnswer(res)})` : undefined;
          }
          case "the other registration's user_code on this link": {
            if (other.ceremony.userCode === mine.ceremony.userCode) return undefined;
            mine.spent++;
            const c = mine.ceremony;
            const result = await actor!.confirm({ verificationUri: c.verificationUri, userCode: other.ceremony.userCode, account: accounts!.confirm, intent: "wrong-code", deadline: c.deadline });
            if (result.outcome === "confirmed") {
              mine.spent = MAX_SPENT;
              return `this registration's claim page confirmed the other registration's live user_code (status ${result.httpStatus ?? "-"})`;
            }
            return undefined;
          }
          case "poll this one after the other is confirmed": {
            const c = other.ceremony;
            const result = await actor!.confirm({ verificationUri: c.verificationUri, userCode: c.userCode, account: accounts!.confirm, intent: "approve", deadline: c.deadline });
            other.spent = MAX_SPENT;
            if (result.outcome !== "confirmed") return undefined;
            const res = await agent.token.claimGrant(mine.claimToken);
            return minted(res) ? `the claim grant minted an access_token for a registration nobody confirmed, after another registration was confirmed (${describeAnswer(res)})` : undefined;
          }
        }
      },
      boundsFor(ctx, 0.5),
      // Every swap once, whatever the run draws.
      swaps.map((swap) => ({ swap, presenter: 0 as const })),
    );
  const outcome = user ? await withUserActor((actor) => property(actor)) : await property(undefined);
  ctx.evidence("registrations", made);
  reportProperty(ctx, outcome, {
    rule: "A credential was accepted outside its registration",
    expected: "claim_token, identity_assertion and user_code each refused everywhere but their own registration's place",
    describe: ({ swap, presenter }) => ({ swap, presentedBy: presenter === 0 ? "A" : "B" }),
  });
});
