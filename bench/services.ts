/**
 * The sample services as `npm run bench` targets: each in a process of its own, as a real target
 * is, without a log line per request. v0.1 through the CLI (`sample-service --quiet`), v0.7
 * through bench/serve-v07.ts.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export interface ServiceProcess {
  url: string;
  close: () => Promise<void>;
}

/** The sample service of `profile` in its own process, until `close`. */
export async function startServiceProcess(profile: "v0.1" | "v0.7" = "v0.1"): Promise<ServiceProcess> {
  // --quiet: a log line per request would cost the service a write and this process a read.
  const args =
    profile === "v0.1"
      ? [path.join(root, "bin", "authmd-conformance.mjs"), "sample-service", "--port", "0", "--quiet"]
      : ["--import", "tsx", path.join(root, "bench", "serve-v07.ts")];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${profile} sample service did not start within 30 s`)), 30_000);
    const onData = (d: Buffer): void => {
      out += d;
      const match = /listening at (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve(match[1]!);
      }
    };
    child.stdout.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${profile} sample service exited ${code}`)));
  });
  child.stdout.resume();
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
