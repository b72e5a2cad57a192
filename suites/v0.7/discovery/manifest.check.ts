import { profileV07 } from "../../../src/profiles/v0_7/index.ts";
import { assert, check, notTestable } from "../../../src/suite/index.ts";

// The manifest's outline (v0.7.md §1, DISC-AUTHMD-02): AUTH.md v0.7.0 has six steps.

check("DISC-AUTHMD-02", async (ctx) => {
  const url = ctx.target.manifestUrl;
  const res = await ctx.http.get(url, { headers: { accept: "text/markdown, text/plain;q=0.9" } });
  // Whether the document is served at all, and as Markdown, is DISC-AUTHMD-01's rule.
  if (res.status !== 200) notTestable(`GET ${url} answered ${res.status} (DISC-AUTHMD-01 judges the manifest's availability)`);
  const missing = profileV07.manifestSections.filter((s) => !s.pattern.test(res.text)).map((s) => s.name);
  ctx.evidence("sectionsExpected", profileV07.manifestSections.map((s) => s.name));
  assert(missing.length === 0, `The manifest at ${url} lacks the v0.7 sections: ${missing.join(", ")} (AUTH.md v0.7.0 has Steps 1–6, Errors and Revocation)`, {
    expected: profileV07.manifestSections.map((s) => s.name),
    actual: { missing },
    document: url,
  });
});
