import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { readdirSync } from 'node:fs';
import { defineConfig, globalIgnores } from 'eslint/config';

// Features are independent (bulletproof-react's rule): what two features share
// lives in src/lib or src/components, and pages in src/app/routes compose them.
// The imports below are compositions still made inside a feature, each a
// known exception rather than a precedent; any other import between features
// fails the lint.
const composedFeatures = {
  // The evaluation's consensus tab lists each proposal's consensus report.
  evaluation: ['consensus'],
  // A person's affiliations are picked among the organisations.
  profile: ['organisations'],
  // The organisation picker of a proposal offers the person's affiliations
  // and creates an organisation on the spot.
  proposals: ['organisations', 'profile'],
};
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const featureBoundaries = [
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`, ...(composedFeatures[feature] ?? []).map((other) => `./${other}`)],
    message: 'Features do not import each other: move what both need to src/lib or src/components.',
  })),
  {
    target: ['./src/lib', './src/components', './src/i18n'],
    from: ['./src/features', './src/app'],
    message: 'Shared code does not depend on features or pages.',
  },
  {
    target: './src/features',
    from: './src/app',
    message: 'Features do not depend on the pages that compose them.',
  },
];

export default defineConfig([
  globalIgnores(['dist', 'coverage', 'e2e-artifacts', 'src/lib/api/schema.d.ts']),
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [
      js.configs.recommended,
      tseslint.configs.recommendedTypeChecked,
      reactHooks.configs.flat['recommended-latest'],
    ],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.app.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: featureBoundaries }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    // Browser end-to-end tests and their config run in Node, not in the page.
    files: ['e2e/**/*.ts', 'playwright.config.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      // Playwright fixtures are not React hooks.
      'react-hooks/rules-of-hooks': 'off',
      // `async ({}, testInfo) => ...` is how a test takes testInfo without fixtures.
      'no-empty-pattern': 'off',
    },
  },
]);
