import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runProperty, runPropertyPerGroup } from "../../src/fuzz/property.ts";
import { ModelMismatch } from "../../suites/v0.1/support/fuzz-model.ts";
import type { HttpClient, HttpRequest, HttpResponse } from "../../src/http/client.ts";

/** Answers 500 for bodies holding a number ≥ 10, 400 otherwise; counts what it was sent. */
function fakeClient(): { http: HttpClient; sent: () => number } {
  let sent = 0;
  const client = {
    withLog: () => client,
    withDeferredLog: () => client,
    record: () => [],
    async send(req: HttpRequest): Promise<HttpResponse> {
      sent++;
      const n = (req.json as { n: number }).n;
      return { status: n >= 10 ? 500 : 400, headers: {}, text: "", json: {}, truncated: false, url: req.url, durationMs: 0 };
    },
    // Like HttpClient: through `this.send`, so the metering proxy sees every request.
    postJson(this: { send(req: HttpRequest): Promise<HttpResponse> }, url: string, json: unknown) {
      return this.send({ method: "POST", url, json });
    },
  };
  return { http: client as unknown as HttpClient, sent: () => sent };
}

const predicate = async (n: number, http: HttpClient) => {
  const res = await http.postJson("http://127.0.0.1:1/x", { n });
  return res.status >= 500 ? `n = ${n} gave ${res.status}` : undefined;
};

describe("runProperty", () => {
  it("shrinks to the smallest failing value, replays it, and is reproducible from the seed", async () => {
    const bounds = { runs: 100, maxRequests: 1_000, maxMs: 10_000, seed: 42 };
    const a = await runProperty(fakeClient().http, fc.integer({ min: 0, max: 1_000 }), predicate, bounds);
    const b = await runProperty(fakeClient().http, fc.integer({ min: 0, max: 1_000 }), predicate, bounds);
    expect(a.failed).toBe(true);
    expect(a.counterexample).toBe(10);
    expect(a.message).toBe("n = 10 gave 500");
    expect(a.replay).toBe("failed again");
    expect({ ...b, exchanges: [] }).toEqual({ ...a, exchanges: [] });
  });

  it("stops sending at the request cap without turning the stop into a failure", async () => {
    const fake = fakeClient();
    const outcome = await runProperty(fake.http, fc.integer({ min: 0, max: 9 }), predicate, { runs: 500, maxRequests: 25, maxMs: 10_000, seed: 1 });
    expect(outcome.failed).toBe(false);
    expect(outcome.stoppedBy).toBe("requests");
    expect(fake.sent()).toBe(25);
  });

  it("takes a model mismatch thrown anywhere in the predicate for a finding about the target, not a harness fault", async () => {
    // As FUZZ-MODEL-01's registration step does when the target breaks the model before any command.
    const mismatching = async (n: number, http: HttpClient) => {
      await http.postJson("http://127.0.0.1:1/x", { n });
      if (n >= 5) throw new ModelMismatch(`the anonymous key was issued with every post-claim scope already (n = ${n})`);
      return undefined;
    };
    const outcome = await runProperty(fakeClient().http, fc.integer({ min: 0, max: 1_000 }), mismatching, { runs: 100, maxRequests: 1_000, maxMs: 10_000, seed: 3 });
    expect(outcome.failed).toBe(true);
    expect(outcome.counterexample).toBe(5);
    expect(outcome.message).toContain("post-claim scope");
    expect(outcome.replay).toBe("failed again");
  });

  it("stops at once on an error that is no finding (harness fault, Not testable) and rethrows it, unshrunk", async () => {
    const fake = fakeClient();
    const missing = new Error("Not testable: no claim mail arrived");
    const failing = async (n: number, http: HttpClient) => {
      await http.postJson("http://127.0.0.1:1/x", { n });
      if (n >= 3) throw missing;
      return undefined;
    };
    await expect(runProperty(fake.http, fc.integer({ min: 0, max: 1_000 }), failing, { runs: 200, maxRequests: 1_000, maxMs: 10_000, seed: 7 })).rejects.toBe(missing);
    // Only the executions up to the first error sent anything: no later run, no shrinking.
    const firstFailingRun = fc.sample(fc.integer({ min: 0, max: 1_000 }), { seed: 7, numRuns: 200 }).findIndex((n) => n >= 3);
    expect(fake.sent()).toBe(firstFailingRun + 1);
  });
});


describe("runPropertyPerGroup", () => {
  // Values are [endpoint, n]; endpoints "a" and "c" answer 500 for n ≥ 10, "b" never does.
  const endpoints = ["a", "b", "c"] as const;
  type Case = [string, number];
  const arbitraryFor = (excluded: ReadonlySet<string>) => {
    const left = endpoints.filter((e) => !excluded.has(e));
    return left.length ? fc.tuple(fc.constantFrom(...left), fc.integer({ min: 0, max: 1_000 })) : undefined;
  };
  const perEndpoint = async ([endpoint, n]: Case, http: HttpClient) => {
    const res = await http.postJson(`http://127.0.0.1:1/${endpoint}`, { n: endpoint === "b" ? 0 : n });
    return res.status >= 500 ? `${endpoint} gave ${res.status} for n = ${n}` : undefined;
  };

  it("names every endpoint that breaks the rule, each with its own shrunk counterexample", async () => {
    const outcome = await runPropertyPerGroup(fakeClient().http, arbitraryFor, (c: Case) => c[0], perEndpoint, { runs: 200, maxRequests: 5_000, maxMs: 20_000, seed: 5 });
    expect(outcome.findings.map((f) => f.group).sort()).toEqual(["a", "c"]);
    for (const f of outcome.findings) expect(f.outcome.counterexample).toEqual([f.group, 10]);
    // The last run covered only the endpoint left ("b") and passed.
    expect(outcome.last.failed).toBe(false);
  });

  it("costs one run on a target that passes, and shares one request cap across its runs", async () => {
    const passing = await runPropertyPerGroup(fakeClient().http, arbitraryFor, (c: Case) => c[0], async () => undefined, { runs: 30, maxRequests: 5_000, maxMs: 20_000, seed: 5 });
    expect(passing.findings).toEqual([]);
    expect(passing.numRuns).toBe(30);
    const fake = fakeClient();
    const capped = await runPropertyPerGroup(fake.http, arbitraryFor, (c: Case) => c[0], perEndpoint, { runs: 500, maxRequests: 40, maxMs: 20_000, seed: 5 });
    expect(fake.sent()).toBeLessThanOrEqual(40 + 2 * capped.findings.length); // + one replay per finding
    expect(capped.requests).toBeLessThanOrEqual(40);
  });
});
