import { assert, check } from "../../../src/suite/index.ts";
import { strings } from "../support/agent.ts";
import { fetchPrmV07 } from "../support/documents.ts";

// RFC 9728 Protected Resource Metadata members the v0.7 example shows (v0.7.md §1).

check("DISC-PRM-02", async (ctx) => {
  const { url, doc } = await fetchPrmV07(ctx);
  const problems: string[] = [];
  if (!Array.isArray(doc.scopes_supported)) problems.push("scopes_supported is missing or not an array");
  if (!strings(doc.bearer_methods_supported).includes("header")) problems.push(`bearer_methods_supported does not list "header" (got ${JSON.stringify(doc.bearer_methods_supported ?? null)})`);
  if (typeof doc.resource_name !== "string") problems.push("resource_name is missing");
  if (typeof doc.resource_logo_uri !== "string") problems.push("resource_logo_uri is missing");
  assert(problems.length === 0, `The PRM lacks members the AUTH.md v0.7 Step 1a example shows: ${problems.join("; ")}`, { document: url, actual: problems });
});
