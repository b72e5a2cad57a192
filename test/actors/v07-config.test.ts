import { describe, expect, it } from "vitest";
import { userActorConfigSchema } from "../../src/actors/v0_7/config.ts";
import { actorAccounts } from "../../src/actors/v0_7/create.ts";
import { exampleActorConfig } from "./v07-helpers.ts";

describe("v0.7 user actor config", () => {
  it("reads both example configs with the defaults filled in", () => {
    const reference = exampleActorConfig("user-actor.reference.yaml");
    expect(reference).toMatchObject({
      adapter: "form",
      sessionCookie: "connect.sid",
      signIn: { formAction: "/login", accountField: "email", fields: {} },
      claim: { formAction: "/agent/identity/claim/complete", codeField: "user_code", directSubmitOnRefusal: true },
      signOut: { url: "/logout", method: "POST" },
      maxRedirects: 10,
      browser: { executablePath: "/usr/bin/chromium" },
    });
    expect(exampleActorConfig("user-actor.sample.yaml").sessionCookie).toBe("sid");
  });

  it("refuses unknown keys and bad patterns, and resolves passwords from the environment", () => {
    const accounts = { confirm: { email: "a@x.example", passwordEnv: "A_PW" }, other: { email: "b@x.example", password: "inline" } };
    expect(userActorConfigSchema.safeParse({ accounts, signin: {} }).success).toBe(false);
    expect(userActorConfigSchema.safeParse({ accounts, text: { confirmed: "(" } }).success).toBe(false);
    expect(userActorConfigSchema.safeParse({ adapter: "telepathy", accounts }).success).toBe(false);
    const config = userActorConfigSchema.parse({ accounts });
    expect(actorAccounts(config, { A_PW: "from-env" })).toEqual({ confirm: { email: "a@x.example", password: "from-env" }, other: { email: "b@x.example", password: "inline" } });
    expect(actorAccounts(config, {}).confirm).toEqual({ email: "a@x.example" });
  });
});
