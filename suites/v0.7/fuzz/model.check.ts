import fc from "fast-check";
import { runProperty } from "../../../src/fuzz/property.ts";
import { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { check, skip } from "../../../src/suite/index.ts";
import { providerClient } from "../../../src/suite/harness-clients.ts";
import { userAccounts, userActorConfig, withUserActor } from "../../../src/suite/user-actor.ts";
import { agentWith } from "../support/agent.ts";
import { boundsFor, offers, reportProperty, settings } from "../support/fuzz-env.ts";
import { type LifeAbilities, type LifeKind, lifeArbitrary, LifeMismatch, startLife } from "../support/fuzz-life.ts";

// A v0.7 registration's life as a fast-check command model (see support/fuzz-life.ts).

/** Commands per life: long enough for register → exchange → claim → confirm → poll → API → SET. */
const MAX_COMMANDS = 12;

check("FUZZ-MODEL-01", async (ctx) => {
  const left: string[] = [];
  const provider = providerClient() !== undefined && ctx.target.agentAuth?.events_endpoint !== undefined && offers(ctx, "identity_assertion");
  if (!provider) left.push("the provider's commands (ID-JAG lives, DeliverSet, PresentIdJag): no mock provider, events_endpoint or identity_assertion");
  const user = userActorConfig() !== undefined;
  if (!user) left.push("the user's commands (ConfirmRight, ConfirmWrong) and step-up lives: no user actor configured (userActor)");
  const agent = agentWith(ctx, "identity", "token");
  // A documented opt-out (ANON-05, SA-03) leaves that kind of life out; it is no finding here.
  const optedOut = async (type: "anonymous" | "service_auth"): Promise<boolean> => {
    const res = await agent.register(type === "anonymous" ? { type } : { type, loginHint: "fuzz-model-probe@agents.example.org" });
    const code = res.status === 400 && typeof (res.json as { error?: unknown } | undefined)?.error === "string" ? (res.json as { error: string }).error : undefined;
    if (code === `${type}_not_enabled`) left.push(`${type} lives: the service answers ${code}`);
    return code === `${type}_not_enabled`;
  };
  const kinds: LifeKind[] = [];
  if (offers(ctx, "anonymous") && !(await optedOut("anonymous"))) kinds.push("anonymous");
  if (offers(ctx, "service_auth") && !(await optedOut("service_auth"))) kinds.push("service_auth");
  if (provider) kinds.push("id-jag");
  if (provider && user) kinds.push("step-up");
  if (kinds.length === 0) skip("identity_endpoint offers no registration kind the model can start (anonymous, service_auth, or identity_assertion with the mock provider)");
  const without: string[] = [];
  if (!agent.endpoint("claim")) without.push("StartClaim");
  if (!agent.endpoint("revocation")) without.push("RevokeToken");
  if (!ctx.target.api.read) without.push("CallApi");
  if (without.length) left.push(`${without.join(", ")}: no claim_endpoint, revocation_endpoint or API read probe`);
  const abilities: LifeAbilities = { user, provider, kinds, without };
  ctx.evidence("model", { kinds, commandsLeftOut: left });
  for (const reason of left) ctx.note(`Left out of the model: ${reason}.`);
  const s = settings();
  let lives = 0;
  const play = async (actorUser: Parameters<typeof startLife>[3]) =>
    runProperty(
      ctx.http,
      lifeArbitrary(abilities, MAX_COMMANDS),
      async ({ kind, commands }, http) => {
        let started = false;
        lives++;
        try {
          const { model, real } = await startLife(ctx, new AgentV07(http, ctx.target), kind, actorUser);
          started = true;
          await fc.asyncModelRun(() => ({ model, real }), commands);
        } catch (err) {
          if (err instanceof LifeMismatch) return `${err.message} (${kind} life, ${started ? `after ${sequence(commands)}` : "at registration"})`;
          throw err;
        }
        return undefined;
      },
      // Lives are cheap: three per run, within the same request and time caps.
      { ...boundsFor(ctx), runs: Math.max(1, s.runs * 3) },
    );
  const accounts = userAccounts();
  const outcome = user && accounts ? await withUserActor((actor) => play({ actor, accounts })) : await play(undefined);
  ctx.evidence("lives", lives);
  reportProperty(ctx, outcome, {
    rule: "The service left the model of a registration's life",
    expected: "pre-claim scopes until the user confirms (also while pending), pre-claim tokens revoked at the claim, only the matched account confirms, no token before the confirmation, a revoked token 401 while its assertion mints, a SET revokes tokens and registration",
    describe: ({ kind, commands }) => ({ registration: kind, commands: sequence(commands) }),
  });
});

/** The commands that ran, without fast-check's replay-path comment (the path is in the property evidence). */
function sequence(commands: Iterable<unknown>): string {
  return String(commands).replace(/\s*\/\*replayPath=.*\*\/\s*$/, "");
}
