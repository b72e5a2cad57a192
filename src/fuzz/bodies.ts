import fc from "fast-check";
import type { z } from "zod";
import { DEFAULTABLE_FIELDS, MESSAGE_ENDPOINT, type MessageName, protocolMessages } from "./messages.ts";

/**
 * Request bodies for the input fuzzer: valid shapes generated from the protocol's zod schemas, and
 * mutants of them. Hand-written generation because no zod-4 → fast-check bridge is installed; it
 * covers the few zod types the messages use (object, literal, enum, string with email or regex).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface ZodDefLike {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDefLike } }>;
  values?: unknown[];
  entries?: Record<string, string>;
  format?: string;
  checks?: { _zod: { def: { format?: string; pattern?: RegExp } } }[];
}

const token = fc.stringMatching(/^[A-Za-z0-9_]{1,48}$/);
// Plain addresses every validator accepts (fc.emailAddress() also yields RFC-valid oddities like "/a@a.aa").
const email = fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z]{1,10}$/)).map(([local, domain]) => `${local}@${domain}.test`);

/** A generator of valid values for `schema` (the subset the protocol messages use). */
export function arbitraryFor(schema: z.ZodType): fc.Arbitrary<Json> {
  return fromDef((schema as unknown as { _zod: { def: ZodDefLike } })._zod.def);
}

function fromDef(def: ZodDefLike): fc.Arbitrary<Json> {
  switch (def.type) {
    case "object": {
      const parts: Record<string, fc.Arbitrary<Json>> = {};
      for (const [key, child] of Object.entries(def.shape ?? {})) parts[key] = fromDef(child._zod.def);
      return fc.record(parts) as fc.Arbitrary<Json>;
    }
    case "literal":
      return fc.constantFrom(...((def.values ?? []) as Json[]));
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case "string": {
      if (def.format === "email") return email;
      const pattern = def.checks?.map((c) => c._zod.def.pattern).find((p) => p !== undefined);
      return pattern ? fc.stringMatching(pattern) : token;
    }
    default:
      return fc.constant(null);
  }
}

/** How a valid body is broken. Plain data, so a shrunk counterexample reads well in a report. */
export type Mutation =
  | { kind: "none" }
  | { kind: "missing-field"; field: string }
  | { kind: "wrong-type"; field: string; value: Json }
  | { kind: "huge-string"; field: string; length: number }
  | { kind: "deep-nesting"; field: string; depth: number }
  | { kind: "extra-field-and-missing"; extra: string; field: string }
  | { kind: "not-an-object"; value: Json }
  | { kind: "invalid-json"; cut: number };

export type ContentType = "application/json" | "text/plain" | "application/x-www-form-urlencoded" | "(none)";

export interface BodyCase {
  message: MessageName;
  endpoint: "register" | "claim" | "challenge" | "complete";
  valid: Record<string, Json>;
  mutation: Mutation;
  contentType: ContentType;
}

const wrongTypeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({}),
);

export type MutationKind = Mutation["kind"];

/**
 * Every way to break a body of `message`, by kind, in the order fast-check prefers when it
 * shrinks (first = simplest). Built once per message: the coverage cases pick one kind at a time.
 */
function mutationOptions(message: MessageName, fields: string[]): [MutationKind, fc.Arbitrary<Mutation>][] {
  // A registration with a valid shape would create one; only the other endpoints get valid shapes
  // (with tokens nobody issued).
  return mutationArbitraries(fields, fields.filter((f) => !DEFAULTABLE_FIELDS.has(f)), MESSAGE_ENDPOINT[message] === "register");
}

/**
 * Every way to break a body with these `fields` (`required`: the ones whose absence is certainly
 * invalid), by kind, simplest first. `creates`: a valid shape would create state, so no "none".
 * Shared by the v0.1 and v0.7 input fuzzers.
 */
export function mutationArbitraries(fields: readonly string[], required: readonly string[], creates: boolean): [MutationKind, fc.Arbitrary<Mutation>][] {
  const field = fc.constantFrom(...fields);
  return [
    ...(creates ? [] : [["none", fc.constant<Mutation>({ kind: "none" })] as [MutationKind, fc.Arbitrary<Mutation>]]),
    ["missing-field", fc.constantFrom(...required).map((f): Mutation => ({ kind: "missing-field", field: f }))],
    ["wrong-type", fc.record({ field, value: wrongTypeValue }).map(({ field: f, value }): Mutation => ({ kind: "wrong-type", field: f, value }))],
    ["huge-string", fc.record({ field, length: fc.integer({ min: 10_000, max: 200_000 }) }).map(({ field: f, length }): Mutation => ({ kind: "huge-string", field: f, length }))],
    ["deep-nesting", fc.record({ field, depth: fc.integer({ min: 2, max: 2_000 }) }).map(({ field: f, depth }): Mutation => ({ kind: "deep-nesting", field: f, depth }))],
    [
      "extra-field-and-missing",
      fc
        .record({ extra: fc.stringMatching(/^[a-z_]{1,20}$/), field: fc.constantFrom(...required) })
        .filter(({ extra }) => !fields.includes(extra))
        .map(({ extra, field: f }): Mutation => ({ kind: "extra-field-and-missing", extra, field: f })),
    ],
    ["not-an-object", fc.oneof(fc.constant<Json>([]), fc.string({ maxLength: 20 }), fc.integer(), fc.constant<Json>(null)).map((value): Mutation => ({ kind: "not-an-object", value }))],
    ["invalid-json", fc.nat({ max: 200 }).map((cut): Mutation => ({ kind: "invalid-json", cut }))],
  ];
}

const mutationOptionsCache = new Map<MessageName, [MutationKind, fc.Arbitrary<Mutation>][]>();

function mutationFor(message: MessageName, fields: string[], only?: MutationKind): fc.Arbitrary<Mutation> {
  let options = mutationOptionsCache.get(message);
  if (options === undefined) {
    options = mutationOptions(message, fields);
    mutationOptionsCache.set(message, options);
  }
  if (only !== undefined) return options.find(([kind]) => kind === only)?.[1] ?? fc.constant<Mutation>({ kind: "none" });
  return fc.oneof(...options.map(([, arb]) => arb));
}

function fieldsOf(message: MessageName): string[] {
  return Object.keys((protocolMessages[message] as unknown as { _zod: { def: ZodDefLike } })._zod.def.shape ?? {});
}

export const MUTATION_KINDS: readonly MutationKind[] = ["none", "missing-field", "wrong-type", "huge-string", "deep-nesting", "extra-field-and-missing", "not-an-object", "invalid-json"];

/**
 * One case per message and mutation kind (JSON Content-Type), drawn from `seed`: run before the
 * random cases, so every endpoint meets every kind of breakage whatever the number of runs.
 */
export function coverageCases(seed: number, messages: readonly MessageName[] = Object.keys(protocolMessages) as MessageName[]): BodyCase[] {
  const cases: BodyCase[] = [];
  let n = 0;
  for (const message of messages) {
    const creates = MESSAGE_ENDPOINT[message] === "register";
    for (const kind of MUTATION_KINDS) {
      if (kind === "none" && creates) continue;
      const arb = fc.record({
        message: fc.constant(message),
        endpoint: fc.constant(MESSAGE_ENDPOINT[message]),
        valid: arbitraryFor(protocolMessages[message]) as fc.Arbitrary<Record<string, Json>>,
        mutation: mutationFor(message, fieldsOf(message), kind),
        contentType: fc.constant<ContentType>("application/json"),
      });
      cases.push(fc.sample(arb, { seed: seed + n++, numRuns: 1 })[0]!);
    }
  }
  return cases;
}

/** One generated request: which message, its valid form, how it is broken, and its Content-Type. */
export function bodyCaseArbitrary(messages: readonly MessageName[] = Object.keys(protocolMessages) as MessageName[]): fc.Arbitrary<BodyCase> {
  // Built once per message, not in a chain: building stringMatching arbitraries per value costs ms.
  return fc.oneof(...messages.map((message) => messageCase(message)));
}

const messageCases = new Map<MessageName, fc.Arbitrary<BodyCase>>();

function messageCase(message: MessageName): fc.Arbitrary<BodyCase> {
  let arb = messageCases.get(message);
  if (arb === undefined) {
    arb = fc.record({
      message: fc.constant(message),
      endpoint: fc.constant(MESSAGE_ENDPOINT[message]),
      valid: arbitraryFor(protocolMessages[message]) as fc.Arbitrary<Record<string, Json>>,
      mutation: mutationFor(message, fieldsOf(message)),
      contentType: fc.oneof(
        { weight: 5, arbitrary: fc.constant<ContentType>("application/json") },
        { weight: 1, arbitrary: fc.constantFrom<ContentType>("text/plain", "application/x-www-form-urlencoded", "(none)") },
      ),
    });
    messageCases.set(message, arb);
  }
  return arb;
}

/**
 * The JSON text of "x" wrapped `depth` times, alternately in an array and in {"a": …}. Written as
 * text, not built and stringified: 2,000 levels of objects cost more than the request itself.
 */
function nestedJson(depth: number): string {
  let open = "";
  let close = "";
  for (let i = depth - 1; i >= 0; i--) open += i % 2 === 0 ? "[" : '{"a":';
  for (let i = 0; i < depth; i++) close += i % 2 === 0 ? "]" : "}";
  return `${open}"x"${close}`;
}

/** `body` with `field` set to the raw JSON text `value` (placed last; member order means nothing in JSON). */
function withRawMember(body: Record<string, Json>, field: string, value: string): string {
  const rest = { ...body };
  delete rest[field];
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)}${head === "{}" ? "" : ","}${JSON.stringify(field)}:${value}}`;
}

/** The bytes to send for a case (the mutation applied to the valid body). */
export function renderBody(c: BodyCase): string {
  return renderJsonBody(c.valid, c.mutation);
}

/** The JSON text of `valid` broken by `m`. */
export function renderJsonBody(valid: Readonly<Record<string, Json>>, m: Mutation): string {
  const body: Record<string, Json> = { ...valid };
  switch (m.kind) {
    case "none":
      return JSON.stringify(body);
    case "missing-field":
      delete body[m.field];
      return JSON.stringify(body);
    case "wrong-type":
      body[m.field] = m.value;
      return JSON.stringify(body);
    case "huge-string":
      return withRawMember(body, m.field, `"${"A".repeat(m.length)}"`);
    case "deep-nesting":
      return withRawMember(body, m.field, nestedJson(m.depth));
    case "extra-field-and-missing":
      delete body[m.field];
      body[m.extra] = "x";
      return JSON.stringify(body);
    case "not-an-object":
      return JSON.stringify(m.value);
    case "invalid-json": {
      const text = JSON.stringify(body);
      // Cut inside the text (never the whole of it), so the result is never valid JSON.
      return text.slice(0, Math.min(m.cut, text.length - 1));
    }
  }
}

/** Is the case a request the service must refuse? (Every case is, by construction; this says why.) */
export function whyInvalid(c: BodyCase): string {
  if (c.contentType !== "application/json") return `Content-Type ${c.contentType}`;
  if (c.mutation.kind === "none") return "tokens nobody issued";
  return c.mutation.kind;
}

/** A readable summary of a case for the report (the body itself can be 200 kB). */
export function describeCase(c: BodyCase): Record<string, unknown> {
  const body = renderBody(c);
  return {
    endpoint: c.endpoint,
    message: c.message,
    mutation: c.mutation,
    contentType: c.contentType,
    body: body.length > 300 ? `${body.slice(0, 300)}… (${body.length} bytes)` : body,
  };
}
