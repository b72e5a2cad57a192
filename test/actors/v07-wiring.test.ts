import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { userActorConfigSchema } from "../../src/actors/v0_7/config.ts";
import { configSchema } from "../../src/config/schema.ts";
import { SAMPLE_USER_ACTOR_V07 } from "../../sample-service/v0_7/user-actor.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");

describe("user actor wiring (config)", () => {
  it("the demo's built-in actor is the documented example for the sample service", async () => {
    const yaml = parseYaml(await readFile(path.join(repoRoot, "examples/user-actor.sample.yaml"), "utf8")) as { userActor: unknown };
    expect(userActorConfigSchema.parse(SAMPLE_USER_ACTOR_V07)).toEqual(userActorConfigSchema.parse(yaml.userActor));
  });

  it("the run config takes a userActor section and a slow flag, and refuses an unknown adapter", () => {
    const config = configSchema.parse({ target: "http://127.0.0.1:8000", userActor: SAMPLE_USER_ACTOR_V07, slow: true });
    expect(config.userActor?.adapter).toBe("form");
    expect(config.slow).toBe(true);
    expect(configSchema.parse({ target: "http://127.0.0.1:8000" }).slow).toBe(false);
    const bad = configSchema.safeParse({ target: "http://127.0.0.1:8000", userActor: { ...SAMPLE_USER_ACTOR_V07, adapter: "telepathy" } });
    expect(bad.success).toBe(false);
  });
});
