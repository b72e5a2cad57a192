import { createInterface } from "node:readline";
import { HarnessError } from "../../errors.ts";
import type { UserActorConfig } from "./config.ts";
import type { ActorDeps } from "./deps.ts";
import type { ActorIntent, ActorOutcome, ActorResult, ConfirmRequest, DenyRequest, UserActorV07 } from "./types.ts";

const WHAT_TO_DO: Record<ActorIntent, string> = {
  approve: "sign in as this account and confirm with the code.",
  "wrong-account": "sign in as this account (it is NOT the one the agent asked for) and try to confirm with the code; the service should refuse.",
  "wrong-code": "sign in as this account and enter this code exactly (it is deliberately wrong); the service should refuse it.",
  "stale-link": "open this old link, sign in as this account and try the code; the service should say the link is no longer valid.",
  replay: "open this link again (the ceremony is already complete) and try the code; the service should refuse.",
  deny: "sign in as this account and refuse the request (do not confirm).",
};

const ANSWERS: Record<string, ActorOutcome> = { c: "confirmed", r: "refused", i: "invalid-link", e: "expired", x: "error" };

/** True when CI says so (CI=true, CI=1, …; CI=false and CI=0 do not count). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = (env.CI ?? "").trim().toLowerCase();
  return ci !== "" && ci !== "false" && ci !== "0";
}

/**
 * The `manual` adapter: tells the person at the terminal the URI, the code, the account and what
 * to do, then waits for their verdict until the deadline. Refused where nobody can answer: stdin
 * not a TTY, or under CI.
 */
export class ManualUserActor implements UserActorV07 {
  readonly kind = "manual" as const;
  private readonly io: NonNullable<ActorDeps["io"]>;

  constructor(_config: UserActorConfig, deps: ActorDeps) {
    this.io = deps.io ?? { input: process.stdin, output: process.stdout, env: process.env };
    const why = isCi(this.io.env) ? "CI is set" : this.io.input.isTTY !== true ? "stdin is not a terminal" : undefined;
    if (why !== undefined) {
      throw new HarnessError(
        "usage",
        `The manual user actor needs a person at a terminal (${why}). Choose userActor.adapter: form (scripted HTTP), browser (headless Chromium) or command (your own script).`,
        "userActor.adapter",
      );
    }
  }

  confirm(request: ConfirmRequest): Promise<ActorResult> {
    return this.ask(request);
  }

  deny(request: DenyRequest): Promise<ActorResult> {
    return this.ask({ ...request, userCode: "", intent: "deny" });
  }

  async signOut(): Promise<void> {
    this.io.output.write("\nPlease sign out of the service in your browser now.\n");
  }

  async close(): Promise<void> {}

  private ask(request: ConfirmRequest): Promise<ActorResult> {
    const { output } = this.io;
    output.write(
      [
        "",
        "── The suite needs you to play the user ──",
        `Open:     ${request.verificationUri}`,
        ...(request.userCode !== "" ? [`Code:     ${request.userCode}`] : []),
        `Account:  ${request.account.email}`,
        `What:     ${WHAT_TO_DO[request.intent]}`,
        `Before:   ${request.deadline.toISOString()}`,
        "",
      ].join("\n"),
    );
    const rl = createInterface({ input: this.io.input, output });
    const base = { adapter: "manual" as const, cookies: [], evidence: [] };
    return new Promise<ActorResult>((resolve) => {
      const timer = setTimeout(() => {
        rl.close();
        resolve({ ...base, outcome: "unknown", reason: "no answer before the deadline", steps: [{ step: "manual", note: "no answer" }] });
      }, Math.max(0, request.deadline.getTime() - Date.now()));
      const prompt = (): void =>
        rl.question("What did the service say? [c]onfirmed, [r]efused, [i]nvalid link, [e]xpired, e[x] error: ", (answer) => {
          const outcome = ANSWERS[answer.trim().toLowerCase().slice(0, 1)];
          if (outcome === undefined) return prompt();
          clearTimeout(timer);
          rl.close();
          resolve({ ...base, outcome, ...(request.intent === "deny" && outcome === "refused" ? { reason: "denied" } : {}), steps: [{ step: "manual", note: `operator answered ${outcome}` }] });
        });
      prompt();
    });
  }
}
