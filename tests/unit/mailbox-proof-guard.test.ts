/**
 * Keeps the mailbox-proof rule (docs/decisions/0018) from being bypassed by code written later:
 * every place in lib/ that creates a credential, factor, social identity, push device or bank
 * account must sit in a function that checks the address (requireProvenAddress, isAddressProven,
 * or is the proof itself: reclaimUnprovenAccount), be one of the sign-ups that create an account
 * with its first credential, or be a helper whose every caller is one of those. The integration
 * test tests/integration/mailbox-proof.test.ts shows the checks refuse; this one finds new paths.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const MODELS = [
  "passkey",
  "totpFactor",
  "recoveryCode",
  "socialIdentity",
  "pushSubscription",
  "bankAccount",
  "passwordCredential",
];
const CREATES = ["create", "createMany", "upsert"];
/** Nested writes inside a user.create (`passwordCredential: { create: … }`). */
const NESTED = [
  "passkeys",
  "passwordCredential",
  "socialIdentities",
  "totpFactor",
  "pushSubscriptions",
  "bankAccounts",
];
const GUARDS = ["requireProvenAddress(", "isAddressProven(", "reclaimUnprovenAccount("];
/** Sign-ups: the account is created together with its first (and then only) credential. */
const FIRST_CREDENTIAL = new Set([
  "lib/server/identity/register.ts#createOrNotify",
  "lib/server/identity/social-login.ts#completeSocialSignIn",
  "lib/server/passkeys/passkey-sign-up.ts#createPasskeyAccount",
  // A staff invitation's first password: the mailed link is the proof, marked in the same
  // transaction (docs/decisions/0041).
  "lib/server/staff/invitations.ts#acceptStaffInvitation",
]);

type Fn = { id: string; name: string; text: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry) && !entry.endsWith(".test.ts") ? [full] : [];
  });
}

/** The nearest enclosing function that has a name (callbacks inside it belong to it). */
function enclosingFunction(node: ts.Node, file: string, source: ts.SourceFile): Fn | null {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    let name: string | undefined;
    if ((ts.isFunctionDeclaration(at) || ts.isMethodDeclaration(at)) && at.name)
      name = at.name.getText(source);
    else if ((ts.isArrowFunction(at) || ts.isFunctionExpression(at)) && ts.isVariableDeclaration(at.parent))
      name = at.parent.name.getText(source);
    if (name) return { id: `${file}#${name}`, name, text: at.getText(source) };
  }
  return null;
}

function scan() {
  const writes = new Map<string, Fn>();
  const calls: { callee: string; caller: Fn | null }[] = [];
  for (const full of sourceFiles(path.join(ROOT, "lib"))) {
    const file = path.relative(ROOT, full).split(path.sep).join("/");
    const source = ts.createSourceFile(full, readFileSync(full, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (
          ts.isPropertyAccessExpression(callee) &&
          CREATES.includes(callee.name.text) &&
          ts.isPropertyAccessExpression(callee.expression) &&
          MODELS.includes(callee.expression.name.text)
        ) {
          const fn = enclosingFunction(node, file, source);
          writes.set(fn?.id ?? `${file}#<top level>`, fn ?? { id: file, name: "", text: "" });
        }
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : null;
        if (name) calls.push({ callee: name, caller: enclosingFunction(node, file, source) });
      }
      if (
        ts.isPropertyAssignment(node) &&
        NESTED.includes(node.name.getText(source)) &&
        ts.isObjectLiteralExpression(node.initializer) &&
        node.initializer.properties.some((p) => p.name?.getText(source) === "create")
      ) {
        const fn = enclosingFunction(node, file, source);
        writes.set(fn?.id ?? `${file}#<top level>`, fn ?? { id: file, name: "", text: "" });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { writes, calls };
}

describe("the mailbox-proof guard", () => {
  const { writes, calls } = scan();

  function isSafe(fn: Fn, seen = new Set<string>()): boolean {
    if (GUARDS.some((guard) => fn.text.includes(guard)) || FIRST_CREDENTIAL.has(fn.id)) return true;
    if (seen.has(fn.id) || !fn.name) return false;
    seen.add(fn.id);
    const callers = calls.filter((c) => c.callee === fn.name).map((c) => c.caller);
    return callers.length > 0 && callers.every((caller) => caller !== null && isSafe(caller, seen));
  }

  it("finds the places that create credentials, factors, identities, devices and bank accounts", () => {
    // If this list shrinks, the scan lost track of the code (a rename), not the other way round.
    expect([...writes.keys()]).toEqual(
      expect.arrayContaining([
        "lib/server/passkeys/passkey-registration.ts#storePasskey",
        "lib/server/factors/totp-factors.ts#startTotpEnrolment",
        "lib/server/factors/recovery-code-store.ts#replaceRecoveryCodes",
        "lib/server/identity/social-identities.ts#linkIdentity",
        "lib/server/push/push-subscriptions.ts#savePushSubscription",
        "lib/server/bank-accounts/bank-accounts.ts#addBankAccount",
        "lib/server/identity/change-password.ts#changePassword",
        "lib/server/identity/password-by-link.ts#savePassword",
        "lib/server/identity/register.ts#createOrNotify",
        "lib/server/identity/social-login.ts#completeSocialSignIn",
      ]),
    );
  });

  it("guards every one of them, or reaches it only from guarded code or a sign-up", () => {
    const unguarded = [...writes.values()].filter((fn) => !isSafe(fn)).map((fn) => fn.id);
    expect(unguarded, "add requireProvenAddress (lib/server/identity/mailbox-proof.ts)").toEqual([]);
  });
});
