/**
 * The v0.7 stateful model beside autocannon (part of `npm run bench`, BENCH_ONLY=model-v07).
 *
 * The model (FUZZ-MODEL-01) runs as in a demo: `demo --profile v0.7 --only FUZZ-MODEL-01`, in this
 * process, against the built-in v0.7 sample service, at --runs 100 and 1000. Its rate is counted
 * two ways: the requests its property metered (every request its lives and commands sent through
 * the check's client; the property's evidence) over the check's wall time, and every request the
 * sample service received (node's `http.server.request.start` channel, so the user actor's sign-in
 * and confirmation pages count too) over the same time. The per-path counts say which of the
 * model's two busiest endpoints it hit more (its registration, or its jwt-bearer exchange);
 * autocannon then drives that one with a body the model sends there, 1 in flight as the model
 * runs, beside the harness's client sending the same bodies.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Agent } from "undici";
import { runDemo } from "../src/demo.ts";
import { JWT_BEARER_GRANT, PATHS_V07 } from "../sample-service/v0_7/index.ts";
import { autocannonSide, compareWithAutocannon, fuzzClient, loops, median, type Replayed, ROUNDS, rowsTable, SECONDS, type Side } from "./compare.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const RUNS = (process.env.BENCH_RUNS ?? "100,1000").split(",").map(Number).filter((n) => n > 0);
/** The property's time cap (fuzz.maxMsPerProperty) for the model; its request cap is lifted. */
const MODEL_MS = Number(process.env.BENCH_MODEL_MS ?? 120_000);
/** The run's seed (--seed): a property that finds a counterexample stops there, whatever --runs says. */
const SEED = Number(process.env.BENCH_SEED ?? 1);

interface ModelCost {
  runs: number;
  status: string;
  /** The check's message when it did not pass (a counterexample stops the property early). */
  message: string;
  checkSeconds: number;
  /** The property's evidence: cases run, requests metered, where it stopped. */
  /** Cases run: one life each. */
  lives: number;
  metered: number;
  stoppedBy?: string;
  /** Requests the sample service received during the run, by "METHOD path". */
  received: Map<string, number>;
}

/** A config for the model alone: politeness caps lifted, the property bounded by MODEL_MS only. */
async function modelConfig(): Promise<string> {
  const dir = path.join(root, ".tmp");
  await mkdir(dir, { recursive: true });
  const configFile = path.join(dir, "bench-model-config.yaml");
  await writeFile(
    configFile,
    ["http:", "  requestBudget: 10000000", "  maxRatePerSecond: 100000", "timeouts:", "  checkMs: 1800000", "  runMs: 3600000", "fuzz:", "  maxRequestsPerProperty: 10000000", `  maxMsPerProperty: ${MODEL_MS}`, ""].join("\n"),
  );
  return configFile;
}

/** One `demo --profile v0.7 --only FUZZ-MODEL-01 --runs n` in this process, counting what the sample service received. */
async function modelCost(runs: number, configFile: string): Promise<ModelCost> {
  const seen: Array<{ port: number; key: string }> = [];
  const onRequest = (message: unknown): void => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    const address = server.address() as AddressInfo | null;
    seen.push({ port: address?.port ?? 0, key: `${request.method} ${(request.url ?? "").split("?")[0]}` });
  };
  subscribe("http.server.request.start", onRequest);
  const out = await mkdtemp(path.join(tmpdir(), "authmd-bench-model-"));
  try {
    const { report } = await runDemo({ faults: [], configFile, print: false, flags: { profile: "v0.7", only: ["FUZZ-MODEL-01"], seed: SEED, out, fuzz: { runs } } });
    const check = report.checks.find((c) => c.id === "FUZZ-MODEL-01");
    if (!check) throw new Error("the demo ran no FUZZ-MODEL-01");
    const property = (check.evidence.data?.property ?? {}) as { runs?: number; requests?: number; stoppedBy?: string };
    const port = Number(new URL(report.target.url).port);
    const received = new Map<string, number>();
    for (const r of seen.filter((s) => s.port === port)) received.set(r.key, (received.get(r.key) ?? 0) + 1);
    return {
      runs,
      status: check.status,
      message: check.status === "pass" ? "" : check.message,
      checkSeconds: check.durationMs / 1000,
      lives: property.runs ?? Number.NaN,
      metered: property.requests ?? Number.NaN,
      ...(property.stoppedBy ? { stoppedBy: property.stoppedBy } : {}),
      received,
    };
  } finally {
    unsubscribe("http.server.request.start", onRequest);
    await rm(out, { recursive: true, force: true });
  }
}

const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

/** The jwt-bearer token request the model's Exchange command sends: a form with a registration's identity_assertion. */
const tokenForm = (assertion: string): string => new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString();

/** 200 anonymous registrations' assertions on `origin` (an assertion mints as often as it is presented), once per service. */
const assertionsByOrigin = new Map<string, Promise<string[]>>();
function assertionsOn(origin: string): Promise<string[]> {
  let found = assertionsByOrigin.get(origin);
  if (!found) {
    found = (async () => {
      const agent = new Agent();
      try {
        const list: string[] = [];
        for (let i = 0; i < 200; i++) {
          const res = await agent.request({ origin, path: PATHS_V07.identity, method: "POST", headers: JSON_TYPE, body: REGISTER_BODY });
          const body = (await res.body.json()) as { identity_assertion?: unknown };
          if (typeof body.identity_assertion !== "string") throw new Error(`anonymous registration answered ${res.statusCode} without an identity_assertion`);
          list.push(body.identity_assertion);
        }
        return list;
      } finally {
        await agent.close();
      }
    })();
    assertionsByOrigin.set(origin, found);
  }
  return found;
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const JSON_TYPE = { "content-type": "application/json" };
/** The anonymous registration a life starts with (startLife, kind anonymous). */
const REGISTER_BODY = JSON.stringify({ type: "anonymous" });

/** The endpoint autocannon drives: the model's registration or its jwt-bearer exchange, whichever the model hit more. */
interface Endpoint {
  key: string;
  label: string;
  /** The i-th request, once `prepare` has run on the origin. */
  request: (i: number) => Replayed;
  prepare: (origin: string) => Promise<void>;
}

function registrationEndpoint(): Endpoint {
  return {
    key: `POST ${PATHS_V07.identity}`,
    label: `${PATHS_V07.identity} with the model's anonymous registration (JSON {"type":"anonymous"}; each request a new registration)`,
    request: () => ({ path: PATHS_V07.identity, body: REGISTER_BODY, headers: JSON_TYPE }),
    prepare: async () => undefined,
  };
}

function tokenEndpoint(): Endpoint {
  let assertions: string[] = [];
  return {
    key: `POST ${PATHS_V07.token}`,
    label: `${PATHS_V07.token} with the model's jwt-bearer request (form, grant_type jwt-bearer and an anonymous registration's identity_assertion; 200 registrations cycled)`,
    request: (i) => ({ path: PATHS_V07.token, body: tokenForm(assertions[i % assertions.length]!), headers: FORM }),
    prepare: async (origin) => {
      assertions = await assertionsOn(origin);
    },
  };
}

/** autocannon (it builds requests synchronously, so the endpoint is prepared first) and the harness's client, each exchange recorded as a check's client does. */
function sidesFor(endpoint: Endpoint): { cannon: Side; client: Side } {
  const cannon = autocannonSide(1, (i) => endpoint.request(i));
  return {
    cannon: async (origin, seconds, round) => {
      await endpoint.prepare(origin);
      return cannon(origin, seconds, round);
    },
    client: async (origin, seconds) => {
      await endpoint.prepare(origin);
      const http = fuzzClient(origin);
      return loops(1, seconds, (i) => {
        const r = endpoint.request(i);
        return http.withLog([]).send({ method: "POST", url: `${origin}${r.path}`, headers: r.headers, body: r.body });
      });
    },
  };
}

export async function modelV07Section(): Promise<string[]> {
  const configFile = await modelConfig();
  const costs: ModelCost[] = [];
  for (const runs of RUNS) costs.push(await modelCost(runs, configFile));
  const all = new Map<string, number>();
  for (const c of costs) for (const [k, n] of c.received) all.set(k, (all.get(k) ?? 0) + n);
  const ranked = [...all].sort((x, y) => y[1] - x[1]);
  const candidates = [registrationEndpoint(), tokenEndpoint()];
  const endpoint = candidates.sort((x, y) => (all.get(y.key) ?? 0) - (all.get(x.key) ?? 0))[0]!;
  const { cannon, client } = sidesFor(endpoint);
  const rows = await compareWithAutocannon(1, cannon, { "HttpClient, the same requests, each recorded": client }, "v0.7");
  const cannonMedian = median(rows[0]!.rates.map((r, i) => r / rows[0]!.ratios[i]!));
  const bound = (c: ModelCost): string => (c.status !== "pass" && !c.stoppedBy ? "a counterexample (then shrinking)" : c.stoppedBy ? `stopped by the ${c.stoppedBy === "time" ? `time cap (fuzz.maxMsPerProperty ${MODEL_MS / 1000} s)` : "request cap"}` : "all cases ran");
  return [
    "## v0.7 stateful model (FUZZ-MODEL-01) beside autocannon (v0.7 demo service, 1 in flight)",
    "",
    "| --runs | lives (cases) run | check wall time | bound | requests metered | req/s metered | requests received by the service | req/s received | result |",
    "|---:|---:|---:|---|---:|---:|---:|---:|---|",
    ...costs.map(
      (c) =>
        `| ${c.runs} | ${c.lives} | ${c.checkSeconds.toFixed(1)} s | ${bound(c)} | ${c.metered} | ${(c.metered / c.checkSeconds).toFixed(0)} | ${total(c.received)} | ${(total(c.received) / c.checkSeconds).toFixed(0)} | ${c.status} |`,
    ),
    ...costs.filter((c) => c.message).map((c) => `\n--runs ${c.runs}: ${c.status}: ${c.message}`),
    "",
    `Most-hit endpoints of the sample service over these runs: ${ranked
      .slice(0, 5)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}.`,
    "",
    `autocannon on ${endpoint.label}, 1 connection: median ${cannonMedian.toFixed(0)} req/s. Beside it:`,
    "",
    ...rowsTable(rows),
    "",
    `The model runs \`demo --profile v0.7 --only FUZZ-MODEL-01 --runs n --seed ${SEED}\` in the bench's process (the built-in v0.7 sample service with its demo lifetimes, the mock provider and the sample user actor), budget and rate caps lifted, fuzz.maxRequestsPerProperty lifted and fuzz.maxMsPerProperty ${MODEL_MS / 1000} s; three lives per run. "Metered" is the property's own count (every request a life or command sent through the check's client); "received" is every request the sample service saw during the run (node's http.server.request.start), which adds the user actor's sign-in and confirmation pages and the run's discovery. Both over the check's wall time (fast-check, model bookkeeping, ID-JAG and SET minting and the user actor included). autocannon and the harness's client run against a v0.7 sample service in its own process, ${ROUNDS} interleaved rounds of ${SECONDS} s each.`,
  ];
}
