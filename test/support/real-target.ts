import { writeFile } from "node:fs/promises";
import path from "node:path";
import { type RunningSampleService, startSampleService } from "../../sample-service/index.ts";
import { freePort } from "./free-port.ts";
import { tempDir } from "./cli.ts";

/**
 * The sample service as a "real" target in this process, and a config file for `run` that fixes
 * the mock providers' and the SMTP sink's ports so the service can trust and mail them — the
 * same set-up a user does against staging.
 */
export async function startRealTarget(options: { faults?: string[]; log?: (line: string) => void } = {}) {
  const [p1, p2, smtp] = [await freePort(), await freePort(), await freePort()];
  const service: RunningSampleService = await startSampleService({
    faults: options.faults ?? [],
    trustedIssuers: [`http://127.0.0.1:${p1}`, `http://127.0.0.1:${p2}`],
    smtp: { host: "127.0.0.1", port: smtp },
    ...(options.log ? { log: options.log } : {}),
  });
  const dir = await tempDir("authmd-real-");
  const configFile = path.join(dir, "authmd.yaml");
  await writeFile(
    configFile,
    [
      `target: ${service.url}`,
      "api:",
      "  read: { method: GET, path: /api/notes }",
      "  write: { method: POST, path: /api/notes, body: { text: hello } }",
      "provider:",
      `  port: ${p1}`,
      "  second:",
      "    enabled: true",
      `    port: ${p2}`,
      "mailbox:",
      "  kind: smtp",
      `  port: ${smtp}`,
      "",
    ].join("\n"),
  );
  // The mock providers' issuers (and the untrusted issuer and attacker each hosts under its origin).
  const providerOrigins = [`http://127.0.0.1:${p1}`, `http://127.0.0.1:${p2}`];
  return { service, configFile, providerOrigins };
}
