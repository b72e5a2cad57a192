import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startSampleServiceV07 } from "../../sample-service/v0_7/index.ts";
import { SAMPLE_USER_ACTOR_V07 } from "../../sample-service/v0_7/user-actor.ts";
import { userActorConfigSchema } from "../../src/actors/v0_7/config.ts";
import { loadConfig } from "../../src/config/load.ts";
import { runDemo } from "../../src/demo.ts";
import { runConformance } from "../../src/run.ts";
import { tempDir } from "../support/cli.ts";

// One full v0.7 claim ceremony (SA-06: service_auth → the named user signs in and confirms → the
// claim grant) through the demo, with the user played by the browser adapter (Debian Chromium)
// and by the command adapter (the user's own script), instead of the built-in form adapter.

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`v0.7 ceremony through the browser adapter: SKIPPED, ${CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)`);

const CONFIRM_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "actors", "fixtures", "confirm-sample.mjs");

const SAMPLE_ACTOR = `  accounts:
    confirm: { email: alice@service.example.com }
    other: { email: bob@service.example.com }
  sessionCookie: sid
  signIn: { accountField: email }
  claim: { formAction: /agent/identity/claim/complete, codeField: user_code }
  text: { invalidLink: already claimed }
  signOut: { url: /logout }
`;

async function ceremonyRun(adapterYaml: string, only: string[]) {
  const out = await tempDir("ceremony-adapters-");
  const configFile = path.join(out, "authmd-conformance.yaml");
  await writeFile(configFile, `userActor:\n${adapterYaml}${SAMPLE_ACTOR}`);
  const { report, exitCode } = await runDemo({ faults: [], print: false, configFile, flags: { profile: "v0.7", out, seed: 7, only } });
  return { report, exitCode, check: (id: string) => report.checks.find((c) => c.id === id) };
}

/** The adapter that played the user, from the check's evidence (recordActorResult). */
function adapterOf(evidence: Record<string, unknown> | undefined, label: string): unknown {
  return (evidence?.[label] as { adapter?: unknown; outcome?: unknown } | undefined) ?? null;
}

describe.sequential("a v0.7 ceremony through other user-actor adapters", () => {
  it.skipIf(!hasChromium)("browser: Chromium signs in and confirms; SA-06 passes", async () => {
    const { check, exitCode } = await ceremonyRun(`  adapter: browser\n  browser: { executablePath: ${CHROMIUM} }\n`, ["SA-06"]);
    const sa06 = check("SA-06");
    expect(sa06?.status, sa06?.message).toBe("pass");
    expect(adapterOf(sa06?.evidence.data, "named account confirms")).toMatchObject({ adapter: "browser", outcome: "confirmed" });
    expect(exitCode).toBe(0);
  }, 120_000);

  it("command: the user's script confirms; SA-06 passes", async () => {
    const { check, exitCode } = await ceremonyRun(`  adapter: command\n  command: { argv: [${JSON.stringify(process.execPath)}, ${JSON.stringify(CONFIRM_SCRIPT)}] }\n`, ["SA-06"]);
    const sa06 = check("SA-06");
    expect(sa06?.status, sa06?.message).toBe("pass");
    expect(adapterOf(sa06?.evidence.data, "named account confirms")).toMatchObject({ adapter: "command", outcome: "confirmed" });
    expect(exitCode).toBe(0);
  }, 120_000);
});

describe("PAGE-07 (an expired user_code) on a target whose code lives the reference's 600 s", () => {
  it("is skip with the reason \"needs --slow\" without the slow tier, and does not wait", async () => {
    const service = await startSampleServiceV07();
    try {
      const out = await tempDir("ceremony-slow-");
      const base = await loadConfig({ flags: { target: service.url, profile: "v0.7", out, seed: 7, only: ["PAGE-07"], provider: { mode: "off" } } as never });
      const config = { ...base, userActor: userActorConfigSchema.parse(SAMPLE_USER_ACTOR_V07) };
      const { report } = await runConformance({ config, write: false });
      const page07 = report.checks.find((c) => c.id === "PAGE-07");
      expect(page07?.status).toBe("skip");
      expect(page07?.message).toMatch(/needs --slow: the user_code lives 600 s/);
    } finally {
      await service.close();
    }
  }, 120_000);
});
