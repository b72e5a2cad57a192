import { BroadcastChannel } from "node:worker_threads";

/**
 * Progress of long waits, told from the suites (a vitest worker thread) to the console of the CLI
 * process: what a check waits for (a mail, a property run, a brute-force proof) and for how long
 * at most. One BroadcastChannel per run (its name comes with the run data), so two runs in one
 * process never hear each other. Fire and forget: without a channel (a unit test) it does nothing.
 */

/** A long wait a check started. */
export interface WaitEvent {
  kind: "wait";
  /** What is waited for, e.g. "claim mail to agent-user@example.test (SMTP sink 127.0.0.1:2525)". */
  what: string;
  /** The most it can take, in ms. */
  maxMs: number;
  /** The check that waits. */
  check?: string;
}

/** A check the runner started. */
export interface StartEvent {
  kind: "start";
  id: string;
}

export type ProgressEvent = WaitEvent | StartEvent;

let channel: BroadcastChannel | undefined;
let current: string | undefined;

/** A check starts (suite/check.ts): the console shows it, and its waits carry its id. */
export function checkStarted(id: string): void {
  current = id;
  post({ kind: "start", id });
}

/** Called once per run by the worker's runtime (suite/runtime.ts). */
export function useProgressChannel(name: string | undefined): void {
  channel?.close();
  channel = undefined;
  if (!name) return;
  channel = new BroadcastChannel(name);
  // Never keep the worker alive for progress.
  channel.unref();
}

/** Announce a long wait: the console shows what is waited for and for how long. */
export function waiting(what: string, maxMs: number): void {
  post({ kind: "wait", what: what.slice(0, 200), maxMs: Math.max(0, Math.round(maxMs)), ...(current ? { check: current } : {}) });
}

function post(event: ProgressEvent): void {
  if (!channel) return;
  try {
    channel.postMessage(event);
  } catch {
    // progress is best effort: a closed channel never fails a check
  }
}

/**
 * The listening end, in the CLI process: forwards each event until closed. The channel is unref'd
 * so a forgotten listener never keeps the process alive.
 */
export function listenProgress(name: string, onEvent: (event: ProgressEvent) => void): { close: () => void } {
  const listener = new BroadcastChannel(name);
  listener.unref();
  listener.onmessage = (message) => {
    const event = (message as { data?: unknown }).data as ProgressEvent;
    if (event && (event.kind === "wait" || event.kind === "start")) onEvent(event);
  };
  return { close: () => listener.close() };
}
