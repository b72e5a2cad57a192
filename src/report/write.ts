import { appendFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderBadge } from "./badge.ts";
import { renderHtml } from "./html.ts";
import { renderJunit } from "./junit.ts";
import { renderMarkdown } from "./markdown.ts";
import type { Report } from "./model.ts";

export interface WrittenReports {
  json: string;
  junit: string;
  html: string;
  markdown: string;
  badge: string;
}

/** Write every report format into `outDir`; append the summary to $GITHUB_STEP_SUMMARY when set. */
export async function writeReports(report: Report, outDir: string, env: NodeJS.ProcessEnv = process.env): Promise<WrittenReports> {
  await mkdir(outDir, { recursive: true });
  const files: WrittenReports = {
    json: path.join(outDir, "report.json"),
    junit: path.join(outDir, "junit.xml"),
    html: path.join(outDir, "report.html"),
    markdown: path.join(outDir, "summary.md"),
    badge: path.join(outDir, "badge.svg"),
  };
  const markdown = renderMarkdown(report);
  await writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(files.junit, renderJunit(report));
  await writeFile(files.html, renderHtml(report));
  await writeFile(files.markdown, markdown);
  await writeFile(files.badge, renderBadge(report));
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, markdown);
  return files;
}
