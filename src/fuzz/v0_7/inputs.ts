import fc from "fast-check";
import { z } from "zod";
import { arbitraryFor, type Json, MUTATION_KINDS, type Mutation, type MutationKind, mutationArbitraries, renderJsonBody } from "../bodies.ts";

/**
 * Request cases for the v0.7 input fuzzer (FUZZ-IN-5XX-01, FUZZ-IN-ECHO-01): every v0.7 endpoint
 * with its real media type (v0.7.md §3, §6, §7, §8, §9): JSON for identity_endpoint and
 * claim_endpoint, form-encoded for token_endpoint and revocation_endpoint, and a compact JWS as
 * `application/secevent+jwt` for events_endpoint; valid shapes (with tokens nobody issued) and
 * mutants of them, and now and then a wrong media type. Plain data, so a shrunk counterexample
 * reads well in a report and replays by seed.
 */

export type EndpointV07 = "identity" | "claim" | "token" | "revocation" | "events";

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const CLAIM_GRANT = "urn:workos:agent-auth:grant-type:claim";
const ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";

// Token-shaped strings long enough that finding one in an answer is no coincidence (FUZZ-IN-ECHO-01).
const tokenString = z.string().regex(/^[A-Za-z0-9_-]{24,48}$/);
const jws = z.string().regex(/^eyJ[A-Za-z0-9_-]{16,40}\.eyJ[A-Za-z0-9_-]{16,60}\.[A-Za-z0-9_-]{24,60}$/);

/** The v0.7 request messages sent as JSON or as a form (the events body is a JWS, see eventsCase). */
export const messagesV07 = {
  identityAnonymous: z.object({ type: z.literal("anonymous") }),
  identityServiceAuth: z.object({ type: z.literal("service_auth"), login_hint: z.email() }),
  identityIdJag: z.object({ type: z.literal("identity_assertion"), assertion_type: z.literal(ID_JAG), assertion: jws }),
  claimLoginHint: z.object({ type: z.literal("login_hint"), claim_token: tokenString, login_hint: z.email() }),
  claimIdJag: z.object({ type: z.literal("identity_assertion"), claim_token: tokenString, assertion: jws }),
  tokenJwtBearer: z.object({ grant_type: z.literal(JWT_BEARER), assertion: jws }),
  tokenClaim: z.object({ grant_type: z.literal(CLAIM_GRANT), claim_token: tokenString }),
  revoke: z.object({ token: tokenString, token_type_hint: z.literal("access_token") }),
} as const;

export type MessageV07 = keyof typeof messagesV07;

interface MessageSpec {
  endpoint: Exclude<EndpointV07, "events">;
  encoding: "json" | "form";
  /** A valid shape would create state (a registration): only mutants are sent. */
  creates: boolean;
  /** Members a lenient service may default (RFC 7009 §2.1: token_type_hint is OPTIONAL). */
  optional: readonly string[];
}

export const MESSAGE_SPECS: Readonly<Record<MessageV07, MessageSpec>> = {
  identityAnonymous: { endpoint: "identity", encoding: "json", creates: true, optional: [] },
  identityServiceAuth: { endpoint: "identity", encoding: "json", creates: true, optional: [] },
  identityIdJag: { endpoint: "identity", encoding: "json", creates: true, optional: [] },
  claimLoginHint: { endpoint: "claim", encoding: "json", creates: false, optional: [] },
  claimIdJag: { endpoint: "claim", encoding: "json", creates: false, optional: [] },
  tokenJwtBearer: { endpoint: "token", encoding: "form", creates: false, optional: [] },
  tokenClaim: { endpoint: "token", encoding: "form", creates: false, optional: [] },
  revoke: { endpoint: "revocation", encoding: "form", creates: false, optional: ["token_type_hint"] },
};

/** Members that carry token material: an answer must never echo their value. */
export const TOKEN_MEMBERS: ReadonlySet<string> = new Set(["claim_token", "assertion", "token"]);

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";
export const SET_TYPE = "application/secevent+jwt";

/** A JSON or form request: which message, its valid form, how it is broken, its Content-Type. */
export interface StructuredCase {
  endpoint: Exclude<EndpointV07, "events">;
  message: MessageV07;
  valid: Record<string, Json>;
  mutation: Mutation;
  /** "(none)": no Content-Type header. */
  contentType: string;
}

/** How an events body is made (a SET nobody signed, or no JWS at all). */
export type SetBody =
  | { kind: "unsigned-set"; header: Record<string, Json>; claims: Record<string, Json> }
  | { kind: "forged-signature"; header: Record<string, Json>; claims: Record<string, Json>; signature: string }
  | { kind: "not-a-jws"; text: string }
  | { kind: "garbage-parts"; parts: [string, string, string] }
  | { kind: "huge"; length: number }
  | { kind: "json-object"; claims: Record<string, Json> };

export interface EventsCase {
  endpoint: "events";
  body: SetBody;
  contentType: string;
}

export type InputCaseV07 = StructuredCase | EventsCase;

function fieldsOf(message: MessageV07): string[] {
  return Object.keys((messagesV07[message] as unknown as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape);
}

function mutationsOf(message: MessageV07): [MutationKind, fc.Arbitrary<Mutation>][] {
  const spec = MESSAGE_SPECS[message];
  const fields = fieldsOf(message);
  return mutationArbitraries(fields, fields.filter((f) => !spec.optional.includes(f)), spec.creates);
}

function wrongContentTypes(encoding: "json" | "form"): string[] {
  return encoding === "json" ? ["text/plain", FORM_TYPE, "(none)"] : [JSON_TYPE, "text/plain", "(none)"];
}

const structuredCases = new Map<MessageV07, fc.Arbitrary<StructuredCase>>();

function structuredCase(message: MessageV07): fc.Arbitrary<StructuredCase> {
  let arb = structuredCases.get(message);
  if (arb === undefined) {
    const spec = MESSAGE_SPECS[message];
    arb = fc.record({
      endpoint: fc.constant(spec.endpoint),
      message: fc.constant(message),
      valid: arbitraryFor(messagesV07[message]) as fc.Arbitrary<Record<string, Json>>,
      mutation: fc.oneof(...mutationsOf(message).map(([, a]) => a)),
      contentType: fc.oneof({ weight: 5, arbitrary: fc.constant(spec.encoding === "json" ? JSON_TYPE : FORM_TYPE) }, { weight: 1, arbitrary: fc.constantFrom(...wrongContentTypes(spec.encoding)) }),
    });
    structuredCases.set(message, arb);
  }
  return arb;
}

const b64url = fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/);
const setClaims: fc.Arbitrary<Record<string, Json>> = fc.record({
  iss: fc.constantFrom("https://idp.example.test", "https://evil.example.test", ""),
  aud: fc.constantFrom("https://service.example.test", ""),
  iat: fc.integer({ min: 0, max: 2_000_000_000 }),
  jti: fc.stringMatching(/^[a-z0-9]{8,24}$/),
  sub_id: fc.constant<Json>({ format: "iss_sub", iss: "https://idp.example.test", sub: "user-1" }),
  events: fc.constant<Json>({ "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked": {} }),
});
const setHeader: fc.Arbitrary<Record<string, Json>> = fc.record({ alg: fc.constantFrom("RS256", "ES256", "none", "HS256"), typ: fc.constantFrom("secevent+jwt", "JWT"), kid: fc.stringMatching(/^[a-z0-9]{1,16}$/) });

const setBody: fc.Arbitrary<SetBody> = fc.oneof(
  fc.record({ kind: fc.constant("not-a-jws" as const), text: fc.string({ maxLength: 120 }) }),
  fc.record({ kind: fc.constant("garbage-parts" as const), parts: fc.tuple(b64url, b64url, b64url) }),
  fc.record({ kind: fc.constant("unsigned-set" as const), header: setHeader, claims: setClaims }),
  fc.record({ kind: fc.constant("forged-signature" as const), header: setHeader, claims: setClaims, signature: fc.stringMatching(/^[A-Za-z0-9_-]{24,86}$/) }),
  fc.record({ kind: fc.constant("huge" as const), length: fc.integer({ min: 10_000, max: 200_000 }) }),
  fc.record({ kind: fc.constant("json-object" as const), claims: setClaims }),
);

const eventsCase: fc.Arbitrary<EventsCase> = fc.record({
  endpoint: fc.constant("events" as const),
  body: setBody,
  contentType: fc.oneof({ weight: 5, arbitrary: fc.constant(SET_TYPE) }, { weight: 1, arbitrary: fc.constantFrom(JSON_TYPE, "application/jwt", "text/plain", "(none)") }),
});

const MESSAGES = Object.keys(messagesV07) as MessageV07[];

/** Cases for the `endpoints` given (those the target advertises and no finding has set aside); undefined when none is left. */
export function inputCaseArbitrary(endpoints: ReadonlySet<EndpointV07>): fc.Arbitrary<InputCaseV07> | undefined {
  const arbs: fc.Arbitrary<InputCaseV07>[] = MESSAGES.filter((m) => endpoints.has(MESSAGE_SPECS[m].endpoint)).map((m) => structuredCase(m));
  if (endpoints.has("events")) arbs.push(eventsCase, eventsCase);
  return arbs.length ? fc.oneof(...arbs) : undefined;
}

const SET_KINDS: readonly SetBody["kind"][] = ["not-a-jws", "garbage-parts", "unsigned-set", "forged-signature", "huge", "json-object"];

/**
 * One case per message and mutation kind in its own media type, and one per events body kind,
 * drawn from `seed`: sent before the random cases, so every endpoint meets every kind of breakage
 * whatever the number of runs.
 */
export function coverageCasesV07(seed: number, endpoints: ReadonlySet<EndpointV07>): InputCaseV07[] {
  const cases: InputCaseV07[] = [];
  let n = 0;
  for (const message of MESSAGES) {
    const spec = MESSAGE_SPECS[message];
    if (!endpoints.has(spec.endpoint)) continue;
    const options = mutationsOf(message);
    for (const kind of MUTATION_KINDS) {
      const mutation = options.find(([k]) => k === kind)?.[1];
      if (mutation === undefined) continue;
      const arb = fc.record({
        endpoint: fc.constant(spec.endpoint),
        message: fc.constant(message),
        valid: arbitraryFor(messagesV07[message]) as fc.Arbitrary<Record<string, Json>>,
        mutation,
        contentType: fc.constant(spec.encoding === "json" ? JSON_TYPE : FORM_TYPE),
      });
      cases.push(fc.sample(arb, { seed: seed + n++, numRuns: 1 })[0]!);
    }
  }
  if (endpoints.has("events")) {
    for (const kind of SET_KINDS) {
      const body = fc.sample(setBody.filter((b) => b.kind === kind), { seed: seed + n++, numRuns: 1 })[0]!;
      cases.push({ endpoint: "events", body, contentType: SET_TYPE });
    }
  }
  return cases;
}

const b64 = (value: Json): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** The compact JWS (or not) an events case sends. */
export function renderSetBody(body: SetBody): string {
  switch (body.kind) {
    case "unsigned-set":
      return `${b64(body.header)}.${b64(body.claims)}.`;
    case "forged-signature":
      return `${b64(body.header)}.${b64(body.claims)}.${body.signature}`;
    case "not-a-jws":
      return body.text;
    case "garbage-parts":
      return body.parts.join(".");
    case "huge":
      return "A".repeat(body.length);
    case "json-object":
      return JSON.stringify(body.claims);
  }
}

/** `valid` form-encoded and broken by `m` (a form has no types: a "wrong type" is the member sent twice). */
export function renderFormBody(valid: Readonly<Record<string, Json>>, m: Mutation): string {
  const params = new URLSearchParams();
  const text = (v: Json): string => (typeof v === "string" ? v : JSON.stringify(v));
  for (const [k, v] of Object.entries(valid)) params.append(k, text(v));
  switch (m.kind) {
    case "none":
      return params.toString();
    case "missing-field":
      params.delete(m.field);
      return params.toString();
    case "wrong-type":
      params.append(m.field, text(m.value));
      return params.toString();
    case "huge-string":
      params.set(m.field, "A".repeat(m.length));
      return params.toString();
    case "deep-nesting":
      // PHP/qs-style nested keys: a parser that builds objects from them recurses this deep.
      return `${params.toString()}&${m.field}${"[a]".repeat(Math.min(m.depth, 500))}=x`;
    case "extra-field-and-missing":
      params.delete(m.field);
      params.append(m.extra, "x");
      return params.toString();
    case "not-an-object":
      return JSON.stringify(m.value);
    case "invalid-json":
      // A broken percent-escape: the form counterpart of invalid JSON.
      return `${params.toString().slice(0, m.cut)}%G`;
  }
}

/** The bytes a case sends. */
export function renderInput(c: InputCaseV07): string {
  if (c.endpoint === "events") return renderSetBody(c.body);
  return MESSAGE_SPECS[c.message].encoding === "json" ? renderJsonBody(c.valid, c.mutation) : renderFormBody(c.valid, c.mutation);
}

/** Why the service must refuse the case (every case is refused by construction, but a revocation of an unknown token, which RFC 7009 answers 200). */
export function whyInvalidV07(c: InputCaseV07): string {
  const declared = c.endpoint === "events" ? SET_TYPE : MESSAGE_SPECS[c.message].encoding === "json" ? JSON_TYPE : FORM_TYPE;
  if (c.contentType !== declared) return `Content-Type ${c.contentType}`;
  if (c.endpoint === "events") return `an events body of kind ${c.body.kind}`;
  if (c.mutation.kind === "none") return "tokens nobody issued";
  return c.mutation.kind;
}

/**
 * The token material a case sends: the values of its token members and, for events, the JWS
 * itself. Only strings of 24 characters or more: finding a shorter one in an answer proves nothing.
 */
export function tokenMaterial(c: InputCaseV07): string[] {
  if (c.endpoint === "events") {
    const text = renderSetBody(c.body);
    return text.split(".").length === 3 && text.length >= 24 && c.body.kind !== "huge" ? [text] : [];
  }
  const out: string[] = [];
  const m = c.mutation;
  for (const [k, v] of Object.entries(c.valid)) {
    if (!TOKEN_MEMBERS.has(k) || typeof v !== "string") continue;
    if ((m.kind === "missing-field" || m.kind === "extra-field-and-missing") && m.field === k) continue;
    if (m.kind === "not-an-object" || (m.kind === "huge-string" && m.field === k) || (m.kind === "deep-nesting" && m.field === k)) continue;
    if (m.kind === "invalid-json") continue; // the cut may fall inside the token
    if (v.length >= 24) out.push(v);
  }
  return out;
}

/** Where in `text` a piece of `material` appears: the whole of it, or its first 64 characters when longer. */
export function echoed(text: string, material: readonly string[]): string | undefined {
  return material.find((t) => text.includes(t.length > 64 ? t.slice(0, 64) : t));
}

/** A readable summary of a case for the report (a body can be 200 kB). */
export function describeInput(c: InputCaseV07): Record<string, unknown> {
  const body = renderInput(c);
  const shown = body.length > 300 ? `${body.slice(0, 300)}… (${body.length} bytes)` : body;
  if (c.endpoint === "events") return { endpoint: c.endpoint, kind: c.body.kind, contentType: c.contentType, body: shown };
  return { endpoint: c.endpoint, message: c.message, mutation: c.mutation, contentType: c.contentType, body: shown };
}
