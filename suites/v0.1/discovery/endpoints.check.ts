import { getProfile } from "../../../src/profiles/index.ts";
import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { fetchAgentAuth } from "../support/documents.ts";

// Advertised endpoints exist: an empty POST gets a 4xx about the request, not 404/405/5xx.

check("DISC-EP-01", async (ctx) => {
  const { url } = await fetchAgentAuth(ctx);
  // The revision's agent endpoints (v0.1: agent_auth register/claim/revocation_uri; v0.7: identity,
  // claim and events endpoints, token_endpoint, revocation_endpoint), as its driver reads them.
  const advertised = getProfile(ctx.target.profile).agent(ctx.http, ctx.target).advertisedEndpoints();
  if (advertised.length === 0) notTestable("agent_auth advertises no endpoints (see DISC-AA-01)");
  const problems: string[] = [];
  for (const { name, url: endpoint, body } of advertised) {
    if (!ctx.http.isAllowed(endpoint)) {
      problems.push(`${name} ${endpoint} is outside the allowed origins`);
      continue;
    }
    // An empty request in the endpoint's own media type: existence, not media-type handling, is judged.
    const res =
      body === "form" || body === "secevent"
        ? await ctx.http.send({ method: "POST", url: endpoint, headers: { "content-type": body === "form" ? "application/x-www-form-urlencoded" : "application/secevent+jwt" }, body: "" })
        : await ctx.http.postJson(endpoint, {});
    if (res.status === 404 || res.status === 405 || res.status >= 500) {
      problems.push(`${name} ${endpoint} answered ${res.status} to POST`);
    }
  }
  assert(problems.length === 0, problems.join("; "), { document: url, pointer: `/${(problems[0]?.split(" ")[0] ?? "").replace(/\./g, "/")}` });
});
