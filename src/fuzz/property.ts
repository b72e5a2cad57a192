import fc from "fast-check";
import type { HttpClient } from "../http/client.ts";
import type { Exchange } from "../http/exchange.ts";
import type { RawExchange } from "../http/record.ts";
import { waiting } from "../suite/progress.ts";

/**
 * Bounds every property honours on top of the run's global budget and rate (which `ctx.http`
 * enforces): a number of generated cases, a request cap and a wall-time cap, shrinking included.
 */
export interface PropertyBounds {
  runs: number;
  maxRequests: number;
  maxMs: number;
  /** fast-check seed (see propertySeed). */
  seed: number;
}

/** Counts the requests of one property and stops them at the cap. */
export class RequestMeter {
  used = 0;
  private readonly deadline: number;
  stoppedBy: "requests" | "time" | undefined;

  constructor(
    readonly maxRequests: number,
    maxMs: number,
  ) {
    this.deadline = Date.now() + maxMs;
  }

  get exhausted(): boolean {
    if (this.stoppedBy) return true;
    if (this.used >= this.maxRequests) this.stoppedBy = "requests";
    else if (Date.now() >= this.deadline) this.stoppedBy = "time";
    return this.stoppedBy !== undefined;
  }

  take(): void {
    if (this.exhausted) throw new PropertyBoundReached(this.stoppedBy!);
    this.used += 1;
  }
}

/** Thrown by a metered client at the property's cap; the runner turns it into "stopped", never a failure. */
export class PropertyBoundReached extends Error {
  constructor(readonly by: "requests" | "time") {
    super(`property bound reached (${by})`);
    this.name = "PropertyBoundReached";
  }
}

/**
 * `logged` with every request counted by `meter`. A Proxy, so the shared client's budget, rate,
 * allowlist and redaction all still apply (get/postJson call `this.send`).
 */
export function meteredClient(logged: HttpClient, meter: RequestMeter): HttpClient {
  return new Proxy(logged, {
    get(target, prop, receiver) {
      if (prop === "send") {
        return (req: Parameters<HttpClient["send"]>[0]) => {
          meter.take();
          return target.send(req);
        };
      }
      if (prop === "withLog") return (other: Exchange[]) => meteredClient(logged.withLog(other), meter);
      if (prop === "withDeferredLog") return (other: RawExchange[]) => meteredClient(logged.withDeferredLog(other), meter);
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** A violated property: the message says what the service did. */
export class PropertyViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PropertyViolation";
  }
}

export interface PropertyOutcome<T> {
  failed: boolean;
  /** The shrunk counterexample, when failed. */
  counterexample?: T;
  /** What the service did for the counterexample. */
  message?: string;
  /** Exchanges of the last failing execution (the shrunk counterexample's, when shrinking ran), redacted. */
  exchanges: Exchange[];
  /** The counterexample run once more through the caller's own client (its log is the check's evidence). */
  replay?: "failed again" | "passed" | "stopped";
  numRuns: number;
  numShrinks: number;
  requests: number;
  /** Why the property stopped before `runs` cases (or before shrinking ended). */
  stoppedBy?: "requests" | "time";
  seed: number;
  /** fast-check replay path. */
  path?: string;
}

/**
 * Run `predicate` on generated values with fast-check, bounded by `bounds`. The predicate
 * returns a problem text when the service broke the rule (or throws PropertyViolation). Once a
 * bound is reached, later executions pass without sending anything: a counterexample already
 * found stays (less shrunk), and the outcome says where the property stopped. Any other error
 * (a harness fault, a "Not testable" or blocked prerequisite) is no finding to shrink: it stops the property
 * at once and is rethrown.
 */
export async function runProperty<T>(
  http: HttpClient,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T, http: HttpClient) => Promise<string | undefined>,
  bounds: PropertyBounds,
  /** Cases run before the generated ones (coverage of every kind, whatever `runs` is). */
  examples: readonly T[] = [],
): Promise<PropertyOutcome<T>> {
  const meter = new RequestMeter(bounds.maxRequests, bounds.maxMs);
  waiting(`property run: up to ${bounds.runs} generated cases and ${bounds.maxRequests} requests`, bounds.maxMs);
  // Each case's exchanges are kept raw (their secrets learnt as they pass) and only the last
  // failing case's are redacted into evidence: the passing cases' logs are dropped unread.
  let lastFailure: { message: string; exchanges: RawExchange[] } | undefined;
  let aborted: { error: unknown } | undefined;
  const property = fc.asyncProperty(arbitrary, async (value) => {
    if (aborted || meter.exhausted) return true;
    const log: RawExchange[] = [];
    let problem: string | undefined;
    try {
      problem = await predicate(value, meteredClient(http.withDeferredLog(log), meter));
    } catch (err) {
      if (err instanceof PropertyBoundReached) return true;
      if (!(err instanceof PropertyViolation)) {
        aborted = { error: err };
        return true;
      }
      problem = err.message;
    }
    if (problem === undefined) return true;
    lastFailure = { message: problem, exchanges: log };
    throw new PropertyViolation(problem);
  });
  const details = await fc.check(property, {
    seed: bounds.seed,
    numRuns: bounds.runs + examples.length,
    examples: examples.map((e) => [e] as [T]),
    endOnFailure: false,
    interruptAfterTimeLimit: bounds.maxMs,
    markInterruptAsFailure: false,
  });
  if (aborted) throw aborted.error;
  const cause = details.errorInstance;
  if (details.failed && !(cause instanceof PropertyViolation)) throw cause instanceof Error ? cause : new Error(String(cause));
  // Replay the shrunk counterexample once through the check's client: the report's decisive
  // request and curl line then show it, and a flaky finding says so.
  let replay: PropertyOutcome<T>["replay"];
  if (details.failed && details.counterexample) {
    try {
      const again = await predicate(details.counterexample[0] as T, http);
      replay = again === undefined ? "passed" : "failed again";
    } catch (err) {
      if (err instanceof PropertyViolation) replay = "failed again";
      else if (err instanceof PropertyBoundReached || (err as { code?: string }).code === "budget_exhausted") replay = "stopped";
      else throw err;
    }
  }
  return {
    ...(replay ? { replay } : {}),
    failed: details.failed,
    ...(details.failed ? { counterexample: details.counterexample?.[0] as T, message: lastFailure?.message ?? String(cause) } : {}),
    exchanges: details.failed && lastFailure ? http.record(lastFailure.exchanges) : [],
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    requests: meter.used,
    ...(meter.stoppedBy || details.interrupted ? { stoppedBy: meter.stoppedBy ?? "time" } : {}),
    seed: bounds.seed,
    ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
  };
}

/** One group's finding (for example one endpoint's), with its own shrunk counterexample. */
export interface GroupFinding<T> {
  group: string;
  outcome: PropertyOutcome<T>;
}

/** Every group that broke the property, and the totals of all the runs. */
export interface GroupedOutcome<T> {
  findings: GroupFinding<T>[];
  /** The last run (passing, or stopped), for its seed, counts and where it stopped. */
  last: PropertyOutcome<T>;
  numRuns: number;
  requests: number;
  stoppedBy?: "requests" | "time";
}

/**
 * `runProperty`, but a failure does not hide the next one: once a counterexample is shrunk, its
 * group (`groupOf`, e.g. the endpoint) is set aside and the property runs again over the other
 * groups, until one run passes, every group has failed, or the bounds (shared by all runs: the
 * caps are the same as one `runProperty` call's) are spent. A conformant target costs exactly one
 * run. `arbitraryFor(excluded)` gives the cases of the groups not yet excluded (undefined: none left).
 */
export async function runPropertyPerGroup<T>(
  http: HttpClient,
  arbitraryFor: (excluded: ReadonlySet<string>) => fc.Arbitrary<T> | undefined,
  groupOf: (value: T) => string,
  predicate: (value: T, http: HttpClient) => Promise<string | undefined>,
  bounds: PropertyBounds,
  examples: readonly T[] = [],
  /** Most runs (so at most this many groups named); a bound on top of requests and time. */
  maxGroups = 8,
): Promise<GroupedOutcome<T>> {
  const started = Date.now();
  const excluded = new Set<string>();
  const findings: GroupFinding<T>[] = [];
  let numRuns = 0;
  let requests = 0;
  let last: PropertyOutcome<T> | undefined;
  for (let round = 0; round <= maxGroups; round++) {
    const arbitrary = arbitraryFor(excluded);
    const remainingRequests = bounds.maxRequests - requests;
    const remainingMs = bounds.maxMs - (Date.now() - started);
    if (!arbitrary || (last && (remainingRequests <= 0 || remainingMs <= 0))) break;
    const outcome = await runProperty(
      http,
      arbitrary,
      predicate,
      { ...bounds, maxRequests: Math.max(0, remainingRequests), maxMs: Math.max(1, remainingMs) },
      examples.filter((e) => !excluded.has(groupOf(e))),
    );
    last = outcome;
    numRuns += outcome.numRuns;
    requests += outcome.requests;
    if (!outcome.failed || outcome.counterexample === undefined) break;
    const group = groupOf(outcome.counterexample);
    findings.push({ group, outcome });
    // A group already set aside cannot come back (its cases are no longer generated); stop if it does.
    if (excluded.has(group)) break;
    excluded.add(group);
    if (round + 1 >= maxGroups) break;
  }
  const stoppedBy = last?.stoppedBy;
  return { findings, last: last!, numRuns, requests, ...(stoppedBy ? { stoppedBy } : {}) };
}
