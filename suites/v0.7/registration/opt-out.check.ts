import { assert, check, skip } from "../../../src/suite/index.ts";
import { agentWith, errorCode, strings } from "../support/agent.ts";
import { answered, freshHint } from "../support/ceremony.ts";

// Opted-out registration types (v0.7.md §1 DISC-AA-04, §3 ANON-05): a service may refuse anonymous
// or service_auth, and then says so with the type's *_not_enabled code.

const NOT_ENABLED: Readonly<Record<string, string>> = { anonymous: "anonymous_not_enabled", service_auth: "service_auth_not_enabled" };

check("ANON-05", async (ctx) => {
  const agent = agentWith(ctx, "identity");
  const res = await agent.register({ type: "anonymous" });
  if (res.status === 200) skip("anonymous registration is enabled: the opt-out answer cannot be observed");
  const code = errorCode(res);
  ctx.outcome(code === "anonymous_not_enabled" ? "opted-out" : "refused-other-code");
  assert(res.status === 400 && code === "anonymous_not_enabled", `An anonymous registration was refused with ${res.status} ${code ?? ""}; a service that opted out answers 400 anonymous_not_enabled (AUTH.md v0.7 Errors)`, {
    expected: { status: 400, error: "anonymous_not_enabled" },
    actual: answered(res),
  });
});

check("DISC-AA-04", async (ctx) => {
  const agent = agentWith(ctx, "identity");
  const listed = strings(ctx.target.agentAuth?.identity_types_supported);
  const unlisted = Object.keys(NOT_ENABLED).filter((t) => !listed.includes(t));
  if (unlisted.length === 0) skip("identity_types_supported lists both anonymous and service_auth: there is no unlisted type to try");
  // A7 Step 2: for these two types the list is informational; an agent may try an unlisted one.
  for (const type of unlisted) {
    const res = type === "anonymous" ? await agent.register({ type: "anonymous" }) : await agent.register({ type: "service_auth", loginHint: freshHint("discaa04") });
    const code = errorCode(res);
    ctx.outcome(res.status === 200 ? "accepted" : code === NOT_ENABLED[type] ? "opted-out" : "refused-other-code", type);
    assert(res.status === 200 || (res.status === 400 && code === NOT_ENABLED[type]), `The unlisted type ${type} answered ${res.status} ${code ?? ""}; expected 200 (the list is informational) or 400 ${NOT_ENABLED[type]} (AUTH.md v0.7 Step 2)`, {
      expected: [200, { status: 400, error: NOT_ENABLED[type] }],
      actual: answered(res),
    });
  }
});
