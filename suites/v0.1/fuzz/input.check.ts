import fc from "fast-check";
import { type BodyCase, bodyCaseArbitrary, coverageCases, describeCase, renderBody, whyInvalid } from "../../../src/fuzz/bodies.ts";
import { MESSAGE_ENDPOINT, type MessageName, protocolMessages } from "../../../src/fuzz/messages.ts";
import { runPropertyPerGroup } from "../../../src/fuzz/property.ts";
import type { HttpClient, HttpResponse } from "../../../src/http/client.ts";
import { type CheckContext, check } from "../../../src/suite/index.ts";
import { bodyOf, claimEndpoints, describeAnswer, recordCreated } from "../support/claim-env.ts";
import { boundsFor, reportGroupedProperty } from "../support/fuzz-env.ts";

// Input fuzzing: bodies generated from the protocol's message schemas, then broken.

/** A garbage logout token for the revocation endpoint (its body is a JWT, not JSON). */
interface RevocationCase {
  endpoint: "revocation";
  body: string;
  contentType: "application/logout+jwt" | "application/x-www-form-urlencoded" | "application/json";
}

type InputCase = BodyCase | RevocationCase;

const revocationCase: fc.Arbitrary<RevocationCase> = fc.record({
  endpoint: fc.constant("revocation" as const),
  body: fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.tuple(fc.base64String({ maxLength: 60 }), fc.base64String({ maxLength: 120 }), fc.base64String({ maxLength: 60 })).map((parts) => parts.join(".")),
    fc.constant("eyJhbGciOiJub25lIn0.eyJldmVudHMiOnt9fQ."),
  ),
  contentType: fc.constantFrom("application/logout+jwt" as const, "application/x-www-form-urlencoded" as const, "application/json" as const),
});

/** Cases for the endpoints not yet excluded (each endpoint with a finding is set aside); undefined when none is left. */
function casesFor(ctx: CheckContext, excluded: ReadonlySet<string>): fc.Arbitrary<InputCase> | undefined {
  const messages = (Object.keys(protocolMessages) as MessageName[]).filter((m) => !excluded.has(MESSAGE_ENDPOINT[m]));
  const json = messages.length ? bodyCaseArbitrary(messages) : undefined;
  const revocation = ctx.target.endpoints.revocation && !excluded.has("revocation") ? revocationCase : undefined;
  if (json && revocation) return fc.oneof({ weight: 6, arbitrary: json }, { weight: 1, arbitrary: revocation });
  return json ?? revocation;
}

async function send(ctx: CheckContext, http: HttpClient, c: InputCase): Promise<HttpResponse> {
  if (c.endpoint === "revocation") {
    return http.send({ method: "POST", url: ctx.target.endpoints.revocation!, headers: { "content-type": c.contentType }, body: c.contentType === "application/x-www-form-urlencoded" ? `logout_token=${encodeURIComponent(c.body)}` : c.body });
  }
  const url = claimEndpoints(ctx.target)[c.endpoint];
  return http.send({ method: "POST", url, headers: c.contentType === "(none)" ? {} : { "content-type": c.contentType }, body: renderBody(c) });
}

function describe(c: InputCase): unknown {
  return c.endpoint === "revocation" ? { ...c, body: c.body.length > 200 ? `${c.body.slice(0, 200)}…` : c.body } : describeCase(c);
}

const why = (c: InputCase): string => (c.endpoint === "revocation" ? "a logout token nobody signed" : whyInvalid(c));

const CREDENTIAL_MEMBERS = ["credential", "claim_token", "api_key", "access_token", "refresh_token"] as const;

/**
 * Send every message × mutation kind once, then `runs` random cases, judge each answer with
 * `judge` (a problem text, or undefined), and report the property. A finding does not hide the
 * next: each endpoint that breaks the rule is named with a shrunk counterexample of its own.
 */
async function fuzzInputs(
  ctx: CheckContext,
  report: { rule: string; expected: unknown },
  judge: (c: InputCase, res: HttpResponse) => Promise<string | undefined> | string | undefined,
): Promise<void> {
  const bounds = boundsFor(ctx);
  const outcome = await runPropertyPerGroup(
    ctx.http,
    (excluded) => casesFor(ctx, excluded),
    (c) => c.endpoint,
    async (c, http) => judge(c, await send(ctx, http, c)),
    bounds,
    coverageCases(bounds.seed),
  );
  reportGroupedProperty(ctx, outcome, { ...report, describe });
}

check("FUZZ-INPUT-01", (ctx) =>
  fuzzInputs(ctx, { rule: "An invalid request got a 5xx or an error without a JSON `error`", expected: "4xx {error, …}" }, (c, res) => {
    if (res.status >= 500) return `${c.endpoint} answered ${res.status} to a request with ${why(c)}`;
    if (res.status >= 400 && typeof bodyOf(res).error !== "string") {
      return `${c.endpoint} answered ${res.status} without a JSON \`error\` (Content-Type ${res.headers["content-type"] ?? "none"}) to a request with ${why(c)}`;
    }
    return undefined;
  }),
);

check("FUZZ-INPUT-02", (ctx) =>
  fuzzInputs(ctx, { rule: "An invalid request was accepted", expected: "no 2xx and no credential for an invalid request" }, async (c, res) => {
    const body = bodyOf(res);
    const issued = CREDENTIAL_MEMBERS.filter((m) => typeof body[m] === "string" && (body[m] as string).length > 0);
    if (issued.length) {
      await recordCreated(ctx.requirement.id, body.registration_id, typeof body.registration_type === "string" ? body.registration_type : "unknown", { type: body.credential_type, value: body.credential });
      return `${c.endpoint} issued ${issued.join(", ")} (${describeAnswer(res)}) for a request with ${why(c)}`;
    }
    if (res.status >= 200 && res.status < 300) return `${c.endpoint} accepted (${describeAnswer(res)}) a request with ${why(c)}`;
    return undefined;
  }),
);
