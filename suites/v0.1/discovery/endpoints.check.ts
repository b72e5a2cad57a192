import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { fetchAgentAuth } from "../support/documents.ts";

// Advertised endpoints exist: an empty POST gets a 4xx about the request, not 404/405/5xx.

check("DISC-EP-01", async (ctx) => {
  const { url, block } = await fetchAgentAuth(ctx);
  const advertised = (["register_uri", "claim_uri", "revocation_uri"] as const).filter((k) => typeof block[k] === "string");
  if (advertised.length === 0) notTestable("agent_auth advertises no endpoints (see DISC-AA-01)");
  const problems: string[] = [];
  for (const key of advertised) {
    const endpoint = new URL(block[key] as string, url).toString();
    if (!ctx.http.isAllowed(endpoint)) {
      problems.push(`${key} ${endpoint} is outside the allowed origins`);
      continue;
    }
    const res = await ctx.http.postJson(endpoint, {});
    if (res.status === 404 || res.status === 405 || res.status >= 500) {
      problems.push(`${key} ${endpoint} answered ${res.status} to POST`);
    }
  }
  assert(problems.length === 0, problems.join("; "), { document: url, pointer: `/agent_auth/${problems[0]?.split(" ")[0] ?? ""}` });
});
