import { readFile } from "node:fs/promises";
import { HarnessError } from "../errors.ts";
import { MAX_DOCUMENT_BYTES, lintDocumentReport, oversizeFinding } from "./document-rules.ts";
import { lintUrl } from "./remote.ts";
import { type LintFinding, type LintResult, type LintRevision, type RevisionDecision, countFindings, overallVerdict } from "./types.ts";

export { lintDocument, lintDocumentReport, MAX_DOCUMENT_BYTES } from "./document-rules.ts";
export { lintUrl } from "./remote.ts";
export type { LintFinding, LintResult, LintRevision, LintVerdict, RevisionDecision } from "./types.ts";

export interface RunLintOptions {
  /** A file path or an http(s) URL. */
  input: string;
  /** AS metadata JSON file to compare the document with. */
  metadataFile?: string;
  /** Force the protocol revision (`--profile`); detected from the document otherwise. */
  profile?: LintRevision;
  requestTimeoutMs?: number;
}

export const LINT_PROFILES: readonly LintRevision[] = ["v0.1", "v0.7"];

export function parseLintProfile(value: string): LintRevision {
  const v = value.startsWith("v") ? value : `v${value}`;
  if ((LINT_PROFILES as readonly string[]).includes(v)) return v as LintRevision;
  throw new HarnessError("usage", `--profile expects v0.1 or v0.7, got "${value}"`, "profile");
}

/** `lint <file|url>`: read or fetch the document, detect its revision, run that revision's rules, and give one verdict. */
export async function runLint(options: RunLintOptions): Promise<LintResult> {
  const metadata = options.metadataFile ? await readMetadata(options.metadataFile) : undefined;
  const isUrl = /^https?:\/\//i.test(options.input);
  if (isUrl) {
    try {
      new URL(options.input);
    } catch {
      throw new HarnessError("usage", `Not a valid URL: ${options.input}`, "input");
    }
    const report = await lintUrl({
      url: options.input,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      ...(metadata ? { metadata } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
    });
    return result(options.input, "url", report.findings, report.revision);
  }
  let buffer: Buffer;
  try {
    buffer = await readFile(options.input);
  } catch (err) {
    throw new HarnessError("usage", `Cannot read ${options.input}: ${(err as Error).message}`, "input");
  }
  // Over the cap: not even decoded.
  if (buffer.length > MAX_DOCUMENT_BYTES) return result(options.input, "file", [oversizeFinding(buffer.length)], undefined);
  const report = lintDocumentReport(buffer.toString("utf8"), { ...(metadata ? { metadata } : {}), ...(options.profile ? { profile: options.profile } : {}) });
  return result(options.input, "file", report.findings, report.revision);
}

function result(input: string, kind: "file" | "url", findings: LintFinding[], revision: RevisionDecision | undefined): LintResult {
  return { input, kind, verdict: overallVerdict(findings), ...(revision ? { revision } : {}), counts: countFindings(findings), findings };
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
