/**
 * The v0.7 sample service in a process of its own for `npm run bench` (the CLI serves only the v0.1
 * one): prints "listening at <url>", closes on SIGTERM. Run with `node --import tsx`.
 */
import { startSampleServiceV07 } from "../sample-service/v0_7/index.ts";

const service = await startSampleServiceV07({ port: 0 });
process.stdout.write(`listening at ${service.url}\n`);
process.once("SIGTERM", () => {
  void service.close().then(() => process.exit(0));
});
