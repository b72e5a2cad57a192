// Types of action/run.mjs (plain JavaScript: the action runs from its checkout, unbuilt).
export interface ActionInputs {
  command: string;
  target: string;
  config: string;
  baseline: string;
  profile: string;
  out: string;
  args: string;
  version: string;
  source: string;
}
export function readInputs(env?: NodeJS.ProcessEnv): ActionInputs;
export function buildArgs(inputs: ActionInputs): string[];
export function cliCommand(inputs: ActionInputs, cwd?: string): string[];
export function stepSummary(run: { code: number; verdict: string | undefined; summary: string | undefined; stderr: string; out: string }): string;
export function main(env?: NodeJS.ProcessEnv, cwd?: string): Promise<number>;
