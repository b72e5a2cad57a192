/**
 * The v0.7 input fuzzer beside autocannon (part of `npm run bench`, BENCH_ONLY=fuzz-v07): the
 * check loop of FUZZ-IN-5XX-01 / FUZZ-IN-ECHO-01 (fast-check + runProperty, each case's exchanges
 * kept raw for the record, 1 in flight as a check runs) against the v0.7 sample service, and
 * autocannon replaying 2,000 cases drawn from the same generator, each to its own endpoint with
 * its own media type.
 */
import fc from "fast-check";
import { Agent } from "undici";
import { runProperty } from "../src/fuzz/property.ts";
import { type EndpointV07, inputCaseArbitrary, type InputCaseV07, renderInput } from "../src/fuzz/v0_7/inputs.ts";
import { PATHS_V07 } from "../sample-service/v0_7/index.ts";
import { autocannonSide, compareWithAutocannon, fuzzClient, loops, ROUNDS, rowsTable, SECONDS, type Side } from "./compare.ts";

const PATH: Record<EndpointV07, string> = {
  identity: PATHS_V07.identity,
  claim: PATHS_V07.claim,
  token: PATHS_V07.token,
  revocation: PATHS_V07.revoke,
  events: PATHS_V07.events,
};
const ALL = new Set<EndpointV07>(["identity", "claim", "token", "revocation", "events"]);
const arbitrary = inputCaseArbitrary(ALL)!;

const headersOf = (c: InputCaseV07): Record<string, string> => (c.contentType === "(none)" ? {} : { "content-type": c.contentType });

/** 2,000 cases from the fuzzer's generator (seed 1), rendered once: what autocannon and "undici alone" replay. */
const replayed = fc.sample(arbitrary, { seed: 1, numRuns: 2000 }).map((c) => ({ path: PATH[c.endpoint], body: renderInput(c), headers: headersOf(c) }));

const checkLoop: Side = async (origin, seconds, round) => {
  const http = fuzzClient(origin);
  const started = performance.now();
  const outcome = await runProperty(
    http,
    arbitrary,
    async (c, client) => {
      await client.send({ method: "POST", url: `${origin}${PATH[c.endpoint]}`, headers: headersOf(c), body: renderInput(c) });
      return undefined;
    },
    { runs: 1_000_000, maxRequests: Number.MAX_SAFE_INTEGER, maxMs: seconds * 1000, seed: round + 1 },
  );
  return outcome.requests / ((performance.now() - started) / 1000);
};

const undiciAlone: Side = async (origin, seconds) => {
  const agent = new Agent();
  try {
    return await loops(1, seconds, async (i) => {
      const r = replayed[i % replayed.length]!;
      const res = await agent.request({ origin, path: r.path, method: "POST", headers: r.headers, body: r.body });
      await res.body.text();
    });
  } finally {
    await agent.close();
  }
};

export async function fuzzV07Section(): Promise<string[]> {
  const cannon = autocannonSide(1, (i) => replayed[i % replayed.length]!);
  const rows = await compareWithAutocannon(1, cannon, { "v0.7 check loop (runProperty, FUZZ-IN-*), 1 in flight": checkLoop, "undici alone (no harness; ceiling)": undiciAlone }, "v0.7");
  return [
    "## v0.7 input fuzzing beside autocannon (v0.7 sample service, all five endpoints)",
    "",
    ...rowsTable(rows),
    "",
    `${ROUNDS} interleaved rounds of ${SECONDS} s per side on one v0.7 sample-service process. The check loop generates fresh cases (JSON at /agent/identity and /claim, forms at /oauth2/token and /oauth2/revoke, application/secevent+jwt at the events endpoint, valid shapes, mutants and wrong media types) and sends each through the harness's client; autocannon and "undici alone" replay 2,000 cases drawn from the same generator (seed 1), each to its endpoint with its media type. In a run the fuzzer is held to http.maxRatePerSecond (default 50/s).`,
  ];
}
