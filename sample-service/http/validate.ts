import type { ServerResponse } from "node:http";
import type { z } from "zod";
import { sendError } from "./respond.ts";

/** Parses `body` with `schema`; on failure answers 400 invalid_request naming the first bad field. */
export function parseOr400<T extends z.ZodType>(schema: T, body: unknown, res: ServerResponse): z.infer<T> | undefined {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? "body" : issue.path.join(".");
  sendError(res, 400, "invalid_request", `${field}: ${issue?.message ?? "invalid"}`);
  return undefined;
}
