import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectProfile, forcedProfile } from "../../src/profiles/detect.ts";
import { getProfile, PROFILE_CHOICES } from "../../src/profiles/index.ts";
import { CHECKED_V07 } from "../../src/profiles/v0_7/checked.ts";
import { UNCHECKED_ROWS_V07 } from "../../src/requirements/v0_7/unchecked-rows.ts";
import { SHARED_CHECKS_V07, SHARED_IDS_V07 } from "../../src/profiles/v0_7/shared.ts";
import { coverageOfProfile, findRequirement, requirementsForProfile } from "../../src/requirements/catalogue.ts";
import { DELEGATED_ROWS, ID_REUSE, SHARED_WITH_V0_1, catalogueV07 } from "../../src/requirements/v0_7/index.ts";

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

  it("v0.7 plans exactly the entries with a check and the shared v0.1 ids, and is complete but for the rows excluded in writing", () => {
    expect(requirementsForProfile("v0.7").map((r) => r.id).sort()).toEqual([...CHECKED_V07, ...SHARED_IDS_V07].sort());
    for (const id of CHECKED_V07) expect(catalogueV07.some((r) => r.id === id), id).toBe(true);
    const v07 = coverageOfProfile("v0.7");
    // Coverage counts v0.7.md rows: the fuzz properties (FUZZ-*) are planned but restate rows.
    // A delegated row counts as checked when every shared id implementing it runs in v0.7.
    const planned = new Set(SHARED_IDS_V07);
    const coveredRows = Object.keys(DELEGATED_ROWS).filter((row) =>
      Object.entries(SHARED_WITH_V0_1).filter(([, s]) => s.rows.includes(row)).every(([id]) => planned.has(id)),
    );
    const restated = catalogueV07.filter((r) => r.restates && CHECKED_V07.includes(r.id)).flatMap((r) => r.restates ?? []);
    expect(v07).toMatchObject({ checked: CHECKED_V07.filter((id) => !id.startsWith("FUZZ-")).length + coveredRows.length + restated.length, total: 136 });
    // Every row is checked or excluded in writing (not observable black-box): no longer a preview.
    expect([...v07.unchecked].sort()).toEqual(Object.keys(UNCHECKED_ROWS_V07).sort());
    expect(v07.preview).toBe(false);
    expect([...v07.excluded].sort()).toEqual([...v07.unchecked].sort());
    expect(coveredRows).toEqual(expect.arrayContaining(["DISC-PRM-01", "DISC-AS-02", "IDJ-04", "IDJ-07", "ANON-04", "REG-05"]));
    for (const row of coveredRows) expect(v07.unchecked, row).not.toContain(row);
    expect(v07.unchecked).not.toContain(CHECKED_V07[0]);
    expect(coverageOfProfile("v0.1")).toMatchObject({ preview: false, unchecked: [], excluded: [] });
    expect(findRequirement("SA-07", "v0.7")).toBeUndefined(); // an entry without a check (SA-07 is excluded in traceability) is not planned
  });

  it("a shared id keeps its v0.1 id and rule, with the level v0.7.md gives it", () => {
    expect(findRequirement("SIG-01", "v0.7")).toMatchObject({ id: "SIG-01", title: findRequirement("SIG-01", "v0.1")!.title, level: "MUST" });
    expect(findRequirement("IDJAG-IAT-02", "v0.1")?.level).toBe("SHOULD");
    // v0.7.md folds it into the MUST row IDJ-06, but its source has no keyword: SHOULD, the conflict named.
    expect(findRequirement("IDJAG-IAT-02", "v0.7")?.level).toBe("SHOULD");
    expect(findRequirement("IDJAG-CID-01", "v0.7")?.level).toBe("SHOULD");
    // The global (v0.1) catalogue entry is not changed by the v0.7 copy.
    expect(findRequirement("SIG-01", "v0.1")?.profiles).toEqual(["v0.1"]);
    expect(findRequirement("REV-01", "v0.7")).toBeUndefined(); // removed in v0.7
  });

  it("every shared id runs in v0.7 or says why not, and is declared by check() in a shared file", async () => {
    for (const [id, shared] of Object.entries(SHARED_WITH_V0_1)) {
      expect(SHARED_IDS_V07.includes(id) !== (shared.notRunInV07 !== undefined), id).toBe(true);
      if (shared.notRunInV07) expect(shared.notRunInV07.length, id).toBeGreaterThan(30);
    }
    const root = path.resolve(import.meta.dirname, "../..");
    const declared: string[] = [];
    for (const file of SHARED_CHECKS_V07.files) {
      const text = await readFile(path.join(root, `${file}.check.ts`), "utf8");
      for (const m of text.matchAll(/^check\(\s*"([A-Z0-9-]+)"/gm)) declared.push(m[1]!);
    }
    for (const id of SHARED_IDS_V07) expect(declared, id).toContain(id);
    // No shared id is spelt by a v0.7 entry (that id would name two rules in one run).
    for (const id of SHARED_IDS_V07) expect(CHECKED_V07, id).not.toContain(id);
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
