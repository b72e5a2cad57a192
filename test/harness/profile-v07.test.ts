import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectProfile, forcedProfile } from "../../src/profiles/detect.ts";
import { getProfile, PROFILE_CHOICES } from "../../src/profiles/index.ts";
import { CHECKED_V07 } from "../../src/profiles/v0_7/checked.ts";
import { coverageOfProfile, findRequirement, requirementsForProfile } from "../../src/requirements/catalogue.ts";
import { ID_REUSE, catalogueV07 } from "../../src/requirements/v0_7/index.ts";

const CLAIM_GRANT = "urn:workos:agent-auth:grant-type:claim";

function target(asMetadata: Record<string, unknown> | undefined) {
  const agentAuth = asMetadata?.agent_auth as Record<string, unknown> | undefined;
  return { ...(asMetadata ? { asMetadata, asMetadataUrl: "http://as.test/.well-known/oauth-authorization-server" } : {}), ...(agentAuth ? { agentAuth } : {}), notes: [] };
}

describe("profile detection (--profile auto)", () => {
  it("picks v0.7 from agent_auth.identity_endpoint, and from the claim grant alone", () => {
    const byEndpoint = detectProfile(target({ agent_auth: { identity_endpoint: "http://as.test/agent/identity" } }));
    expect(byEndpoint).toMatchObject({ chosen: "v0.7", how: "detected" });
    expect(byEndpoint.reason).toMatch(/identity_endpoint/);
    const byGrant = detectProfile(target({ grant_types_supported: [CLAIM_GRANT], agent_auth: {} }));
    expect(byGrant.chosen).toBe("v0.7");
    expect(byGrant.reason).toContain(CLAIM_GRANT);
  });

  it("picks v0.1 from agent_auth.register_uri, and v0.7 when v0.7 markers sit beside a leftover register_uri", () => {
    expect(detectProfile(target({ agent_auth: { register_uri: "http://as.test/agent/auth" } })).chosen).toBe("v0.1");
    expect(detectProfile(target({ grant_types_supported: [CLAIM_GRANT], agent_auth: { register_uri: "http://as.test/agent/identity" } })).chosen).toBe("v0.7");
  });

  it("fits neither: no choice, a reason and the evidence it judged", () => {
    const none = detectProfile(target({ grant_types_supported: ["authorization_code"], agent_auth: { skill: "http://as.test/auth.md" } }));
    expect(none.chosen).toBeNull();
    expect(none.reason).toMatch(/neither identity_endpoint .* nor register_uri/);
    expect(none.evidence).toMatchObject({ agentAuthKeys: ["skill"], grantTypesSupported: ["authorization_code"] });
    // Missing documents name no revision but fail the discovery rules both share: run under v0.1.
    expect(detectProfile(target(undefined))).toMatchObject({ chosen: "v0.1", reason: expect.stringMatching(/no AS metadata/) });
    expect(forcedProfile("v0.1")).toMatchObject({ chosen: "v0.1", how: "forced" });
  });

  it("the config accepts auto and every registered profile", () => {
    expect(PROFILE_CHOICES).toEqual(["auto", "v0.1", "v0.7"]);
    expect(getProfile("v0.7").suitesDir).toBe("suites/v0.7");
  });
});

describe("profile-scoped catalogue", () => {
  it("an id reused by v0.7 names a different rule in each profile", () => {
    const reused = Object.keys(ID_REUSE).find((id) => CHECKED_V07.includes(id)) ?? "DISC-AS-01";
    const v01 = findRequirement(reused, "v0.1");
    const v07 = findRequirement(reused, "v0.7");
    expect(v01?.profiles).toContain("v0.1");
    expect(v07?.profiles).toEqual(["v0.7"]);
    expect(v07?.title).not.toBe(v01?.title);
    // The default lookup stays v0.1's.
    expect(findRequirement(reused)).toBe(v01);
  });

  it("v0.7 plans exactly the entries with a check, and reports itself as a preview", () => {
    expect(requirementsForProfile("v0.7").map((r) => r.id).sort()).toEqual([...CHECKED_V07].sort());
    for (const id of CHECKED_V07) expect(catalogueV07.some((r) => r.id === id), id).toBe(true);
    const v07 = coverageOfProfile("v0.7");
    // Coverage counts v0.7.md rows: the fuzz properties (FUZZ-*) are planned but restate rows.
    expect(v07).toMatchObject({ checked: CHECKED_V07.filter((id) => !id.startsWith("FUZZ-")).length, total: 136, preview: true });
    expect(v07.unchecked).not.toContain(CHECKED_V07[0]);
    expect(coverageOfProfile("v0.1")).toMatchObject({ preview: false, unchecked: [] });
    expect(findRequirement("PAGE-01", "v0.7")).toBeUndefined(); // an entry without a check is not planned
  });

  it("CHECKED_V07 is exactly the set of check() ids under suites/v0.7", async () => {
    const root = path.resolve(import.meta.dirname, "../../suites/v0.7");
    const ids: string[] = [];
    for (const entry of await readdir(root, { recursive: true })) {
      if (!entry.endsWith(".check.ts")) continue;
      const text = await readFile(path.join(root, entry), "utf8");
      for (const m of text.matchAll(/^check\("([A-Z0-9-]+)"/gm)) ids.push(m[1]!);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...CHECKED_V07].sort());
  });
});
