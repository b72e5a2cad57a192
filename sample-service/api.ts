import { z } from "zod";
import { authorize } from "./bearer.ts";
import type { ServiceContext } from "./context.ts";
import { readJsonObject } from "./http/body.ts";
import { sendError, sendJson } from "./http/respond.ts";
import type { Handler } from "./http/router.ts";
import { parseOr400 } from "./http/validate.ts";
import { PATHS, SERVICE_NAME } from "./protocol.ts";

const MAX_NOTES_PER_REGISTRATION = 100;
const NewNote = z.object({ text: z.string().min(1).max(1000) });

/** GET /api/ (and /api): the resource root, a protected read. */
export function apiRootHandler(ctx: ServiceContext): Handler {
  return (req, res) => {
    if (authorize(ctx, req, res, "api.read") === undefined) return;
    sendJson(res, 200, { name: `${SERVICE_NAME} API`, endpoints: [`GET ${PATHS.notes}`, `POST ${PATHS.notes}`] });
  };
}

/** GET /api/notes: the caller's notes (scope api.read). */
export function listNotesHandler(ctx: ServiceContext): Handler {
  return (req, res) => {
    const credential = authorize(ctx, req, res, "api.read");
    if (credential === undefined) return;
    sendJson(res, 200, { notes: ctx.store.notesOf(credential.registrationId) });
  };
}

/** POST /api/notes {text}: add a note (scope api.write). */
export function createNoteHandler(ctx: ServiceContext): Handler {
  return async (req, res) => {
    // Variant no-write-route: a service whose API only reads (no scope-guarded write exists).
    if (ctx.variants.has("no-write-route")) return sendError(res, 405, "method_not_allowed", "This API has no write route", { allow: "GET" });
    const credential = authorize(ctx, req, res, "api.write");
    if (credential === undefined) return;
    const body = await readJsonObject(req, res, ctx.config.maxBodyBytes);
    if (body === undefined) return;
    const request = parseOr400(NewNote, body, res);
    if (request === undefined) return;
    const notes = ctx.store.notesOf(credential.registrationId);
    if (notes.length >= MAX_NOTES_PER_REGISTRATION) {
      sendError(res, 409, "notes_limit_reached", `at most ${MAX_NOTES_PER_REGISTRATION} notes per registration`);
      return;
    }
    const note = { id: notes.length + 1, text: request.text, createdAt: new Date(ctx.now()).toISOString() };
    notes.push(note);
    sendJson(res, 201, { note });
  };
}
