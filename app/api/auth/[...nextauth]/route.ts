import "server-only";
import NextAuth from "next-auth";
import { getNextAuthOptions } from "@/lib/auth/next-auth-options";

// next-auth serves the OpenID Connect flow (sign-in redirect, callback, CSRF token, provider list);
// it never holds a session here (docs/decisions/0004).
type Context = { params: Promise<{ nextauth: string[] }> };

function handle(request: Request, context: Context): Promise<Response> {
  const handler = NextAuth(getNextAuthOptions()) as (req: Request, ctx: Context) => Promise<Response>;
  return handler(request, context);
}

export { handle as GET, handle as POST };
