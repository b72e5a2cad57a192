import { startSampleService } from "../sample-service/index.ts";
import { HarnessError } from "./errors.ts";

/** `authmd-conformance sample-service`: serve until SIGINT/SIGTERM. */
export async function serveSampleService(flags: { host: string; port: string; fault: string[]; trustIssuer: string[]; smtp?: string; quiet?: boolean }) {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HarnessError("usage", `--port expects 0-65535, got ${flags.port}`, "port");
  let smtp: { host: string; port: number } | undefined;
  if (flags.smtp) {
    const match = /^(.+):(\d+)$/.exec(flags.smtp);
    if (!match) throw new HarnessError("usage", `--smtp expects host:port, got ${flags.smtp}`, "smtp");
    smtp = { host: match[1]!, port: Number(match[2]) };
  }
  const service = await startSampleService({
    host: flags.host,
    port,
    faults: flags.fault,
    trustedIssuers: flags.trustIssuer,
    ...(smtp ? { smtp } : {}),
    log: flags.quiet ? () => {} : (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`sample service listening at ${service.url}${flags.fault.length ? ` (faults: ${flags.fault.join(", ")})` : ""}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await service.close();
}
