import { RequestBudget } from "../../http/budget.ts";
import { HttpClient } from "../../http/client.ts";
import { Redactor } from "../../http/redact.ts";

/** What the harness lends an actor. None of it is shared with the agent's client. */
export interface ActorDeps {
  /** Origins the user may visit (the target's); the config may add more. */
  allowedOrigins: Iterable<string>;
  /** The run's request budget (politeness); default: a budget of the actor's own. */
  budget?: RequestBudget;
  /** The actor's redactor; default: a fresh one, so nothing the agent's redactor learnt masks a leak. */
  redactor?: Redactor;
  /** The run's out dir (browser screenshots go to `<out>/user-actor` unless configured). */
  outDir?: string;
  /** Where the manual adapter talks to the operator; default the process's stdio and environment. */
  io?: { input: NodeJS.ReadableStream & { isTTY?: boolean }; output: NodeJS.WritableStream; env: NodeJS.ProcessEnv };
}

/** The actor's own HTTP client: a separate object from the agent's, with its own redactor. */
export function actorHttpClient(deps: ActorDeps, extraOrigins: readonly string[], requestTimeoutMs: number): { http: HttpClient; redactor: Redactor } {
  const redactor = deps.redactor ?? new Redactor();
  const http = new HttpClient({
    requestTimeoutMs,
    maxBodyBytes: 1_000_000,
    allowedOrigins: new Set([...deps.allowedOrigins, ...extraOrigins].map((o) => new URL(o).origin)),
    budget: deps.budget ?? new RequestBudget(10_000, 50),
    redactor,
    userAgent: "authmd-conformance user-actor",
  });
  return { http, redactor };
}

/**
 * Teach the actor's redactor the secrets inside verification_uri before its first request: the
 * reference nests the claim page URL (and its claim_attempt_token) in `return_to`, which the
 * redactor's URL rule reads one level deep.
 */
export function learnVerificationUri(redactor: Redactor, verificationUri: string): void {
  redactor.learnUrl(verificationUri);
}
