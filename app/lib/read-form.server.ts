/**
 * An action's form, or a 4xx that says why it cannot be read. The server entry already refuses
 * bodies of the wrong type and broken multipart (app/lib/request-bounds.server.ts); this is the
 * same rule where the body is read, so an action never answers 500 for what a client sent,
 * however the request reached it.
 */
import { FORM_TYPES, mediaType } from "./request-bounds.server";

export async function readForm(request: Request): Promise<FormData> {
  // No body at all is an empty form (a bare `POST /logout`).
  if (request.body === null) return new FormData();
  const type = mediaType(request.headers.get("Content-Type") ?? undefined);
  if (!(FORM_TYPES as readonly string[]).includes(type)) {
    throw new Response("Forms here are sent as application/x-www-form-urlencoded or multipart/form-data.", {
      status: 415,
      statusText: "Unsupported Media Type",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response("This form could not be read: its multipart/form-data body is malformed.", {
      status: 400,
      statusText: "Bad Request",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
