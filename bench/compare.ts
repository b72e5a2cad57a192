/**
 * Side-by-side request rates for `npm run bench`: sides (a function sending for `seconds` and
 * answering its req/s) run against one fresh service process in interleaved rounds, autocannon
 * among them, so a ratio compares two clients on the same endpoint in the same minute.
 */
import autocannon from "autocannon";
import { RequestBudget } from "../src/http/budget.ts";
import { HttpClient } from "../src/http/client.ts";
import { Redactor } from "../src/http/redact.ts";
import { startServiceProcess } from "./services.ts";

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** One side of a comparison: requests per second against `origin` over `seconds`. */
export type Side = (origin: string, seconds: number, round: number) => Promise<number>;

/** The client every check uses (allowlist, budget, redaction), with the rate cap lifted. */
export function fuzzClient(origin: string): HttpClient {
  return new HttpClient({
    requestTimeoutMs: 10_000,
    maxBodyBytes: 1_048_576,
    allowedOrigins: new Set([origin]),
    budget: new RequestBudget(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    redactor: new Redactor(),
  });
}

/** `connections` loops sending until the deadline; `send(i)` sends the i-th request. */
export async function loops(connections: number, seconds: number, send: (i: number) => Promise<unknown>): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) await send(sent++);
    }),
  );
  return sent / ((performance.now() - started) / 1000);
}

/** One request autocannon sends: its path, body and headers. */
export interface Replayed {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** autocannon, `connections` sockets, cycling through `request(i)`. */
export function autocannonSide(connections: number, request: (i: number, origin: string) => Replayed): Side {
  return async (origin, seconds) => {
    let next = 0;
    const first = request(0, origin);
    const result = await autocannon({
      url: `${origin}${first.path}`,
      connections,
      duration: seconds,
      method: "POST",
      requests: [
        {
          setupRequest: (req: Record<string, unknown>) => {
            const r = request(next++, origin);
            return { ...req, method: "POST", path: r.path, body: r.body, headers: r.headers };
          },
        },
      ],
    });
    return result.requests.total / seconds;
  };
}

/**
 * Every side against one fresh service process, in ROUNDS interleaved rounds (the order reversed
 * every other round), after a 1 s warm-up of each: JIT warm-up and the service's growing state
 * then favour no side. Answers each side's req/s per round.
 */
export async function interleaved(sides: Record<string, Side>, profile: "v0.1" | "v0.7" = "v0.1"): Promise<Record<string, number[]>> {
  const service = await startServiceProcess(profile);
  const names = Object.keys(sides);
  const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  try {
    for (const name of names) await sides[name]!(service.url, 1, 0);
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 === 0 ? names : [...names].reverse()) rates[name]!.push(await sides[name]!(service.url, SECONDS, round));
    }
    return rates;
  } finally {
    await service.close();
  }
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const range = (xs: readonly number[], digits: number): string => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

export interface Row {
  path: string;
  connections: number;
  rates: number[];
  /** This side's rate over autocannon's, per round. */
  ratios: number[];
}

/** `sides` beside `cannon` (autocannon on the same endpoint with the same bodies), as rows with ratios. */
export async function compareWithAutocannon(connections: number, cannon: Side, sides: Record<string, Side>, profile: "v0.1" | "v0.7" = "v0.1"): Promise<Row[]> {
  const rates = await interleaved({ autocannon: cannon, ...sides }, profile);
  const base = rates.autocannon!;
  return Object.keys(sides).map((path) => ({ path, connections, rates: rates[path]!, ratios: rates[path]!.map((r, i) => r / base[i]!) }));
}

/** A Markdown table of rows. */
export function rowsTable(rows: readonly Row[]): string[] {
  return [
    "| path | in flight | req/s (median) | ratio to autocannon (median) | ratio range |",
    "|---|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.path} | ${r.connections} | ${median(r.rates).toFixed(0)} | ${median(r.ratios).toFixed(2)} | ${range(r.ratios, 2)} |`),
  ];
}
