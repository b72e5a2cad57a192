import { inject } from "vitest";
import { RequestBudget } from "../http/budget.ts";
import { HttpClient } from "../http/client.ts";
import { Redactor } from "../http/redact.ts";
import type { SuiteRunData } from "./provided.ts";
import { useProgressChannel } from "./progress.ts";

/**
 * Worker-side singletons. The runner executes suite files one after another in a single worker
 * with isolation off, so these are shared by the whole run: one budget, one redactor that
 * remembers every secret seen.
 */
let state: { data: SuiteRunData; http: HttpClient; redactor: Redactor; budget: RequestBudget } | undefined;

export function runtime() {
  if (!state) {
    const data = inject("authmd");
    if (!data) throw new Error("authmd suites must be launched by the authmd-conformance runner (no provided run data)");
    const redactor = new Redactor();
    const budget = new RequestBudget(data.requestBudget, data.maxRatePerSecond);
    const http = new HttpClient({
      requestTimeoutMs: data.requestTimeoutMs,
      maxBodyBytes: data.maxBodyBytes,
      allowedOrigins: new Set(data.target.allowedOrigins),
      defaultHeaders: data.headers,
      budget,
      redactor,
      readOnly: data.passive,
      ...(data.slowDown ? { slowDown: data.slowDown } : {}),
    });
    state = { data, http, redactor, budget };
    useProgressChannel(data.progressChannel);
  }
  return state;
}
