import { readFile } from "node:fs/promises";
import { HarnessError } from "../errors.ts";
import { lintDocument } from "./document-rules.ts";
import { lintUrl } from "./remote.ts";
import { type LintResult, overallVerdict } from "./types.ts";

export { lintDocument } from "./document-rules.ts";
export { lintUrl } from "./remote.ts";
export type { LintFinding, LintResult, LintVerdict } from "./types.ts";

export interface RunLintOptions {
  /** A file path or an http(s) URL. */
  input: string;
  /** AS metadata JSON file to compare the document with. */
  metadataFile?: string;
  requestTimeoutMs?: number;
}

/** `lint <file|url>`: read or fetch the document, run every rule, and give one verdict. */
export async function runLint(options: RunLintOptions): Promise<LintResult> {
  const metadata = options.metadataFile ? await readMetadata(options.metadataFile) : undefined;
  const isUrl = /^https?:\/\//i.test(options.input);
  if (isUrl) {
    try {
      new URL(options.input);
    } catch {
      throw new HarnessError("usage", `Not a valid URL: ${options.input}`, "input");
    }
    const findings = await lintUrl({ url: options.input, requestTimeoutMs: options.requestTimeoutMs ?? 10_000, ...(metadata ? { metadata } : {}) });
    return { input: options.input, kind: "url", verdict: overallVerdict(findings), findings };
  }
  let text: string;
  try {
    text = await readFile(options.input, "utf8");
  } catch (err) {
    throw new HarnessError("usage", `Cannot read ${options.input}: ${(err as Error).message}`, "input");
  }
  const findings = lintDocument(text, metadata ? { metadata } : {});
  return { input: options.input, kind: "file", verdict: overallVerdict(findings), findings };
}

async function readMetadata(file: string): Promise<Record<string, unknown>> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new HarnessError("usage", `Cannot read metadata ${file}: ${(err as Error).message}`, "metadata");
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new HarnessError("usage", `${file} is not a JSON object`, "metadata");
  return doc as Record<string, unknown>;
}
