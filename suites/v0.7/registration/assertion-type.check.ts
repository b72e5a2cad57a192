import { assert, check } from "../../../src/suite/index.ts";
import { agentWith, errorCode } from "../support/agent.ts";
import { answered, bodyOf, freshHint, identityAssertionAdvertised } from "../support/ceremony.ts";
import { freshIdJag } from "../support/id-jag.ts";

// {type:"identity_assertion"} takes only assertion_type urn:ietf:params:oauth:token-type:id-jag (v0.7.md §4, IDJ-01).

check("IDJ-01", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const cases = [
    { label: "assertion_type verified_email with a provider ID-JAG", assertionType: "verified_email", assertion: (await freshIdJag(ctx)).assertion },
    { label: "assertion_type verified_email with an email (the removed v0.1 body)", assertionType: "verified_email", assertion: freshHint("idj01") },
    { label: "an unknown assertion_type with a provider ID-JAG", assertionType: "urn:example:unknown-assertion", assertion: (await freshIdJag(ctx)).assertion },
  ];
  for (const c of cases) {
    const res = await agent.register({ type: "identity_assertion", assertion: c.assertion, assertionType: c.assertionType });
    ctx.outcome(res.status === 200 ? "accepted" : res.status === 400 ? "refused" : "refused-other-status", c.label);
    assert(res.status === 400 && bodyOf(res).identity_assertion === undefined && bodyOf(res).claim_token === undefined, `A registration with ${c.label} answered ${res.status} ${errorCode(res) ?? ""}, expected 400 (only urn:ietf:params:oauth:token-type:id-jag is taken; CL v0.6.0 removed verified_email)`, {
      expected: 400,
      actual: answered(res),
    });
  }
});
