import { spawn } from "node:child_process";
import { z } from "zod";
import { HarnessError } from "../../errors.ts";
import { Redactor } from "../../http/redact.ts";
import type { UserActorConfig } from "./config.ts";
import type { ActorDeps } from "./deps.ts";
import type { ActorResult, ConfirmRequest, DenyRequest, UserActorV07 } from "./types.ts";

const OUTPUT_CAP = 64 * 1024;

/** What the user's script answers on stdout (its last JSON line, or the whole output). */
const answerSchema = z.object({
  outcome: z.enum(["confirmed", "refused", "invalid-link", "expired", "error", "unknown"]),
  reason: z.string().optional(),
  httpStatus: z.number().int().optional(),
  pageStatus: z.number().int().optional(),
  submitStatus: z.number().int().optional(),
  pageText: z.string().optional(),
  claimPageText: z.string().optional(),
  cookies: z
    .array(
      z.object({
        name: z.string(),
        attrs: z.array(z.string()).default([]),
        httpOnly: z.boolean().default(false),
        secure: z.boolean().default(false),
        sameSite: z.string().optional(),
        path: z.string().optional(),
        domain: z.string().optional(),
      }),
    )
    .default([]),
});

/**
 * The `command` adapter: the user's own script plays the person, for SSO or MFA set-ups the suite
 * cannot script. It gets `{ verificationUri, userCode, account, intent, deadline }` as JSON on
 * stdin and answers `{ "outcome": …, "httpStatus"?, "pageText"?, "claimPageText"?, "cookies"?, "reason"? }` on
 * stdout; it runs in its own process group and is killed (the group) at the timeout or the deadline.
 */
export class CommandUserActor implements UserActorV07 {
  readonly kind = "command" as const;
  private readonly redactor: Redactor;

  constructor(
    private readonly config: UserActorConfig,
    deps: ActorDeps,
  ) {
    if (config.command === undefined) throw new HarnessError("config_invalid", "adapter command needs command.argv", "userActor.command");
    this.redactor = deps.redactor ?? new Redactor();
  }

  confirm(request: ConfirmRequest): Promise<ActorResult> {
    return this.run(request);
  }

  deny(request: DenyRequest): Promise<ActorResult> {
    return this.run({ ...request, userCode: "", intent: "deny" });
  }

  async signOut(): Promise<void> {
    // The script owns its sessions.
  }

  async close(): Promise<void> {}

  private async run(request: ConfirmRequest): Promise<ActorResult> {
    const command = this.config.command!;
    const argv = command.argv;
    const timeoutMs = Math.min(command.timeoutMs, request.deadline.getTime() - Date.now());
    const input = JSON.stringify({ ...request, deadline: request.deadline.toISOString() });
    const base = { adapter: "command" as const, cookies: [], evidence: [] };
    if (timeoutMs <= 0) return { ...base, outcome: "error", reason: "timeout: the ceremony's deadline passed before the script ran", steps: [] };
    const ran = await runBounded(argv, input, timeoutMs);
    const note = `${argv[0]} exited ${ran.timedOut ? `(killed after ${timeoutMs} ms)` : `with ${ran.code ?? ran.signal}`}${ran.stderr ? `; stderr: ${this.redactor.text(ran.stderr.slice(0, 500))}` : ""}`;
    const steps = [{ step: "command" as const, note }];
    if (ran.spawnError !== undefined) return { ...base, outcome: "error", reason: `command could not start: ${ran.spawnError}`, steps };
    if (ran.timedOut) return { ...base, outcome: "error", reason: `timeout: the script did not answer within ${timeoutMs} ms`, steps };
    const answer = parseAnswer(ran.stdout);
    if (answer === undefined) return { ...base, outcome: "error", reason: "the script's output is not a JSON answer with an outcome", steps };
    return { ...base, ...answer, ...(answer.pageText !== undefined ? { pageText: this.redactor.text(answer.pageText) } : {}), ...(answer.claimPageText !== undefined ? { claimPageText: this.redactor.text(answer.claimPageText) } : {}), steps };
  }
}

function parseAnswer(stdout: string): z.output<typeof answerSchema> | undefined {
  const lines = stdout.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  for (const candidate of [stdout.trim(), lines[lines.length - 1] ?? ""]) {
    try {
      const parsed = answerSchema.safeParse(JSON.parse(candidate));
      if (parsed.success) return parsed.data;
    } catch {
      // try the next reading
    }
  }
  return undefined;
}

interface Ran {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  spawnError?: string;
}

function runBounded(argv: readonly string[], input: string, timeoutMs: number): Promise<Ran> {
  return new Promise((resolve) => {
    const [program, ...args] = argv as [string, ...string[]];
    const child = spawn(program, args, { stdio: ["pipe", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let spawnError: string | undefined;
    const take = (into: "out" | "err") => (chunk: Buffer) => {
      if (into === "out" && stdout.length < OUTPUT_CAP) stdout += chunk.toString("utf8").slice(0, OUTPUT_CAP - stdout.length);
      if (into === "err" && stderr.length < OUTPUT_CAP) stderr += chunk.toString("utf8").slice(0, OUTPUT_CAP - stderr.length);
    };
    child.stdout.on("data", take("out"));
    child.stderr.on("data", take("err"));
    child.stdin.on("error", () => undefined);
    const timer = setTimeout(() => {
      timedOut = true;
      // Its whole process group: the script may have started a browser of its own.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }
    }, timeoutMs);
    child.on("error", (err) => {
      spawnError = err.message;
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal, timedOut, ...(spawnError !== undefined ? { spawnError } : {}) });
    });
    child.stdin.end(input);
  });
}
