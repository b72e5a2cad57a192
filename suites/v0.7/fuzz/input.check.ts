import { runProperty, runPropertyPerGroup } from "../../../src/fuzz/property.ts";
import { coverageCasesV07, describeInput, echoed, type EndpointV07, inputCaseArbitrary, type InputCaseV07, renderInput, tokenMaterial, whyInvalidV07 } from "../../../src/fuzz/v0_7/inputs.ts";
import type { HttpClient, HttpResponse } from "../../../src/http/client.ts";
import { type CheckContext, check } from "../../../src/suite/index.ts";
// The v0.1 fuzz reporting (seed, shrunk counterexample per endpoint, redacted exchanges) serves v0.7 as is.
import { boundsFor, reportGroupedProperty } from "../../v0.1/support/fuzz-env.ts";
import { agentFor, agentWith } from "../support/agent.ts";

// Input fuzzing of every v0.7 endpoint in its own media type (v0.7.md ERR-06; issue 16 item 3).

const ENDPOINTS: readonly EndpointV07[] = ["identity", "claim", "token", "revocation", "events"];

/** The endpoints discovery found, by name. */
function advertised(ctx: CheckContext): Map<EndpointV07, string> {
  const agent = agentFor(ctx);
  const found = new Map<EndpointV07, string>();
  for (const name of ENDPOINTS) {
    const url = agent.endpoint(name);
    if (url) found.set(name, url);
  }
  // None at all: blocked with discovery's cause (the endpoints that exist are fuzzed otherwise).
  if (found.size === 0) agentWith(ctx, ...ENDPOINTS);
  return found;
}

function send(http: HttpClient, urls: ReadonlyMap<EndpointV07, string>, c: InputCaseV07): Promise<HttpResponse> {
  return http.send({ method: "POST", url: urls.get(c.endpoint)!, headers: c.contentType === "(none)" ? {} : { "content-type": c.contentType }, body: renderInput(c) });
}

/**
 * Send every message × mutation kind (and every events body kind) once, then `runs` random cases;
 * judge each answer with `judge`. A finding does not hide the next: each endpoint that breaks the
 * rule is named with a shrunk counterexample of its own (runPropertyPerGroup).
 */
async function fuzzInputs(ctx: CheckContext, report: { rule: string; expected: unknown }, judge: (c: InputCaseV07, res: HttpResponse) => string | undefined): Promise<void> {
  const urls = advertised(ctx);
  const bounds = boundsFor(ctx);
  const open = (excluded: ReadonlySet<string>): Set<EndpointV07> => new Set([...urls.keys()].filter((e) => !excluded.has(e)));
  const predicate = async (c: InputCaseV07, http: HttpClient): Promise<string | undefined> => judge(c, await send(http, urls, c));
  const started = Date.now();
  const outcome = await runPropertyPerGroup(ctx.http, (excluded) => inputCaseArbitrary(open(excluded)), (c) => c.endpoint, predicate, bounds, coverageCasesV07(bounds.seed, open(new Set())));
  // fast-check cannot shrink a coverage case (it was not generated): for a finding that came from
  // one, generate cases of that endpoint alone, so the counterexample reported is a shrunk one.
  let { requests, numRuns } = outcome;
  for (const finding of outcome.findings) {
    if (finding.outcome.numShrinks > 0) continue;
    const left = { maxRequests: bounds.maxRequests - requests, maxMs: bounds.maxMs - (Date.now() - started) };
    if (left.maxRequests <= 0 || left.maxMs <= 0) break;
    const again = await runProperty(ctx.http, inputCaseArbitrary(new Set([finding.group as EndpointV07]))!, predicate, { ...bounds, ...left });
    requests += again.requests;
    numRuns += again.numRuns;
    if (again.failed && again.counterexample !== undefined) finding.outcome = again;
  }
  // As "name: url" lines: an evidence key named after a token is redacted as one.
  ctx.evidence("endpoints", [...urls].map(([name, url]) => `${name}: ${url}`));
  reportGroupedProperty(ctx, { ...outcome, requests, numRuns }, { ...report, describe: describeInput });
}

// SHOULD (derived): a malformed request is the client's error; a 5xx makes agents retry it (A7's retry policy).
check("FUZZ-IN-5XX-01", (ctx) =>
  fuzzInputs(ctx, { rule: "An invalid request in the endpoint's own media type (or a wrong one) got a 5xx", expected: "4xx (or 200 where RFC 7009 §2.2 allows it), never 5xx" }, (c, res) =>
    res.status >= 500 ? `${c.endpoint} answered ${res.status} to a request with ${whyInvalidV07(c)}` : undefined,
  ),
);

// MUST (ERR-06): no error answer echoes the token material it was sent.
check("FUZZ-IN-ECHO-01", (ctx) =>
  fuzzInputs(ctx, { rule: "An error answer echoed the token material of the request", expected: "4xx/5xx bodies without the claim_token, assertion, token or SET sent" }, (c, res) => {
    if (res.status < 400) return undefined;
    const hit = echoed(res.text, tokenMaterial(c));
    return hit === undefined ? undefined : `${c.endpoint} answered ${res.status} with the request's own token material (${hit.slice(0, 12)}…, ${hit.length} characters) in its body, to a request with ${whyInvalidV07(c)}`;
  }),
);
