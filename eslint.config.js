// ESLint: typescript-eslint's recommended rules, the React hooks rules, and a few that catch real
// mistakes in this code base. Import cycles and layer rules are checked by dependency-cruiser
// (.dependency-cruiser.cjs, `npm run depcheck`), which knows the whole module graph.
import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/**", "node_modules/**", "tests/.tmp/**", "data/**", "db/migrations/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      // A timer declared before the callback that clears it is assigned once, later.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "no-console": "off",
    },
  },
  {
    // The models are async (docs/decisions/015): a forgotten await is a write that may not have
    // happened, or a Promise tested as a condition. The type checker does not see these; the typed
    // rules do, with the type information of the project's tsconfig.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // React's event handlers may return a promise (a form's async submit); everything else may not.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    // Tests may use non-null assertions and loose helpers freely.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
