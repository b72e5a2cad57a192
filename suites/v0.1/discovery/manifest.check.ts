import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { profileV01 } from "../../../src/profiles/v0_1/index.ts";
import { fetchManifest, isObject, looksLikeHtml, manifestText, requireAgentAuth } from "../support/documents.ts";

// The auth.md manifest agents read (AUTH.md; agent_auth.skill).

check("DISC-AUTHMD-01", async (ctx) => {
  const { url, res } = await fetchManifest(ctx);
  ctx.evidence("manifestUrl", url);
  assert(res.status === 200, `GET ${url} answered ${res.status}, expected 200`, { expected: 200, actual: res.status });
  const type = (res.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  assert(
    type === "text/markdown" || type === "text/plain" || type === "text/x-markdown",
    `The manifest is served as "${type || "(no content-type)"}", expected text/markdown or text/plain`,
    { expected: "text/markdown | text/plain", actual: res.headers["content-type"] ?? null },
  );
});

check("DISC-AUTHMD-02", async (ctx) => {
  const text = await manifestText(ctx);
  assert(text.trim().length > 0, "The manifest body is empty");
  assert(!looksLikeHtml(text), "The manifest is an HTML document (an SPA fallback?), not Markdown", {
    expected: "Markdown text",
    actual: text.slice(0, 120),
  });
});

check("DISC-AUTHMD-03", async (ctx) => {
  const text = await manifestText(ctx);
  // Front matter is tolerated before the title.
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, "");
  const firstHeading = body.split("\n").find((line) => /^#{1,6}\s/.test(line));
  ctx.evidence("firstHeading", firstHeading ?? null);
  assert(firstHeading !== undefined && /^#\s+\S/.test(firstHeading), "The manifest has no H1 title before its first section", {
    expected: "# <title>",
    actual: firstHeading ?? null,
  });
});

check("DISC-AUTHMD-04", async (ctx) => {
  const text = await manifestText(ctx);
  const missing = profileV01.manifestSections.filter((s) => !s.pattern.test(text)).map((s) => s.name);
  ctx.evidence("sectionsExpected", profileV01.manifestSections.map((s) => s.name));
  assert(missing.length === 0, `The manifest lacks sections: ${missing.join(", ")}`, { expected: "all sections", actual: { missing } });
});

check("DISC-AUTHMD-05", async (ctx) => {
  const text = await manifestText(ctx);
  assert(
    text.includes(profileV01.wellKnown.protectedResource),
    `The manifest never mentions ${profileV01.wellKnown.protectedResource}, so an agent that starts from it cannot reach the metadata`,
  );
});

check("DISC-AA-05", async (ctx) => {
  const text = (await manifestText(ctx)).toLowerCase();
  const block = requireAgentAuth(ctx.target);
  const advertised: Array<{ flow: string; mentioned: boolean }> = [];
  const types = Array.isArray(block.identity_types_supported) ? block.identity_types_supported : [];
  if (types.includes("anonymous")) advertised.push({ flow: "anonymous", mentioned: /\banonymous\b/.test(text) });
  const assertionTypes = isObject(block.identity_assertion) && Array.isArray(block.identity_assertion.assertion_types_supported)
    ? block.identity_assertion.assertion_types_supported
    : [];
  if (assertionTypes.includes("urn:ietf:params:oauth:token-type:id-jag")) {
    advertised.push({ flow: "identity_assertion + id-jag", mentioned: /id-jag/.test(text) });
  }
  if (assertionTypes.includes("verified_email")) {
    advertised.push({ flow: "identity_assertion + verified_email", mentioned: /verified_email/.test(text) });
  }
  ctx.evidence("flows", advertised);
  const undocumented = advertised.filter((a) => !a.mentioned).map((a) => a.flow);
  assert(undocumented.length === 0, `The metadata advertises flows the manifest does not document: ${undocumented.join(", ")}`, {
    pointer: "/agent_auth/identity_types_supported",
    document: ctx.target.asMetadataUrl,
  });
});
