import "server-only";
/**
 * The body of an /api/v1 write, read with a ceiling: a declared Content-Length over it is refused
 * before reading, and a body that streams past it (no or a false Content-Length) is cut off, so a
 * client cannot make the server buffer more than the route allows.
 */

export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; code: "PAYLOAD_TOO_LARGE" };

export async function readBodyCapped(request: Request, maxBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, code: "PAYLOAD_TOO_LARGE" };
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, code: "PAYLOAD_TOO_LARGE" };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
