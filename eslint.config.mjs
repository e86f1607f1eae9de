import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The layers (ARCHITECTURE.md, docs/decisions/0030), top to bottom; imports point down only:
 *   app/  ->  lib/actions/  ->  lib/auth/  ->  lib/server/<domain>/  ->  bottom
 * bottom: lib/db, lib/config, lib/env, lib/schemas, lib/i18n, lib/errors.ts, lib/http, lib/files.
 * components/ is presentational and may import only the bottom layer.
 * Rules from eslint-plugin-import, which eslint-config-next already loads with its TypeScript resolver.
 */
const BOTTOM = [
  "./lib/db",
  "./lib/config",
  "./lib/env",
  "./lib/schemas",
  "./lib/i18n",
  "./lib/errors.ts",
  "./lib/http",
  "./lib/files",
];

const upward = (target, from, why) => ({ target, from, message: `Upward import: ${why} (ARCHITECTURE.md).` });

const LAYER_ZONES = [
  upward(
    BOTTOM,
    ["./app", "./components", "./lib/actions", "./lib/auth", "./lib/server"],
    "the bottom layer depends on nothing above it",
  ),
  upward(
    "./lib/server",
    ["./app", "./components", "./lib/actions", "./lib/auth"],
    "domain code takes what the request layer knows as arguments (e.g. the Actor)",
  ),
  upward(
    "./lib/auth",
    ["./app", "./components", "./lib/actions"],
    "the request layer does not know actions, pages or components",
  ),
  upward("./lib/actions", ["./app", "./components"], "actions do not import pages or components"),
  {
    target: ["./app", "./lib/actions"],
    from: "./lib/db",
    message: "Pages and actions reach the database through lib/server (ARCHITECTURE.md).",
  },
  upward(
    "./lib/schemas",
    ["./lib/db", "./lib/generated", "./lib/env"],
    "schemas are shared with the browser and never touch the database",
  ),
  upward("./lib/config", ["./lib/db", "./lib/env"], "policy tables are plain data"),
];

const COMPONENT_ZONE = upward(
  "./components",
  ["./app", "./lib/actions", "./lib/auth", "./lib/server", "./lib/db", "./lib/env"],
  "components are presentational; a widget that calls actions or reads data lives next to its route",
);

/** Actions answer with codes and catalog keys; the form words them (lib/errors.ts, ARCHITECTURE.md). */
const ACTIONS_DO_NOT_WORD = {
  name: "next-intl/server",
  importNames: ["getTranslations", "getFormatter"],
  message: "Actions return codes and catalog keys (ActionFailure.message); the form words them.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "tests/.tmp/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["app/**", "components/**", "lib/**"],
    rules: {
      "import/no-restricted-paths": ["error", { zones: [...LAYER_ZONES, COMPONENT_ZONE] }],
      // Type-only imports are erased at build time and cannot cycle at run time; the rule skips them.
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // A file past 300 lines is two concepts (ARCHITECTURE.md). Counted as `wc -l` counts: blank lines
    // and comments too. Generated code (lib/generated, next-env.d.ts) is ignored above.
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["prisma/migrations/**"],
    rules: { "max-lines": ["error", { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ["lib/actions/**"],
    rules: { "no-restricted-imports": ["error", { paths: [ACTIONS_DO_NOT_WORD] }] },
  },
];
export default config;
