import { describe, expect, it } from "vitest";
import { bearerChallenge, parseWwwAuthenticate } from "../../src/protocol/www-authenticate.ts";

describe("WWW-Authenticate parsing", () => {
  it("reads Bearer parameters, quoted and bare", () => {
    const c = bearerChallenge('Bearer resource_metadata="https://a.test/.well-known/oauth-protected-resource", error=invalid_token');
    expect(c?.params).toEqual({ resource_metadata: "https://a.test/.well-known/oauth-protected-resource", error: "invalid_token" });
  });

  it("keeps commas inside quoted values and separates challenges", () => {
    const all = parseWwwAuthenticate('Basic realm="a, b", Bearer scope="api.read api.write", error="insufficient_scope"');
    expect(all.map((c) => c.scheme)).toEqual(["Basic", "Bearer"]);
    expect(all[0]!.params.realm).toBe("a, b");
    expect(all[1]!.params.scope).toBe("api.read api.write");
  });

  it("is case-insensitive on the scheme and returns nothing for other schemes", () => {
    expect(bearerChallenge('bearer resource_metadata="x"')?.params.resource_metadata).toBe("x");
    expect(bearerChallenge('Basic realm="x"')).toBeUndefined();
    expect(bearerChallenge(undefined)).toBeUndefined();
  });
});
