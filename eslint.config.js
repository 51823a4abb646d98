import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Module boundaries, as errors (the README's architecture section draws them). ESLint's own
 * no-restricted-imports matches import specifiers; ours are relative, so each rule is a regex over
 * the path as written. In flat config a later block *replaces* an earlier block's options for the
 * same rule, so a zone inside another (insights inside production code, a feature inside src)
 * names the zone it is in and carries its restrictions too.
 */
const upTo = (dir) => `^(\\.\\./)+${dir}(/|$)`; // '../../server/x' climbs to the top, then enters dir
const ZONES = {
  frontEnd: {
    files: ['src/**'],
    patterns: [{ regex: upTo('server'), message: 'The front end imports no server code.' }],
  },
  production: {
    // Production server code reaches the dev tenant only through configuration (compose.ts).
    files: [
      'server/{api,auth,graph,sync,store,insights,settings,http,domain,suggestions}/**',
      'server/{app,config,logger}.ts',
    ],
    patterns: [
      { regex: '(^|/)devtenant(/|$)', message: 'Production code imports nothing from the dev tenant.' },
    ],
  },
  devTenant: {
    // The simulator must not share the code it is used to judge.
    files: ['server/devtenant/**'],
    patterns: [
      {
        regex: upTo('(sync|insights|domain)'),
        message: 'The dev tenant shares no code with the sync and insights it is used to judge.',
      },
    ],
  },
  insights: {
    files: ['server/insights/**'],
    within: 'production',
    paths: [{ name: '@microsoft/microsoft-graph-client', message: 'Insights are pure: no Graph SDK.' }],
    patterns: [
      { regex: upTo('(api|graph)'), message: 'Insights are pure: no routes, no Graph client.' },
      { regex: upTo('sync'), message: 'Insights read interactions from server/domain, not from sync.' },
    ],
  },
  features: {
    // features/app composes the features; the others share code through src/lib or src/components.
    files: ['src/features/**'],
    ignores: ['src/features/app/**'],
    within: 'frontEnd',
    patterns: [
      {
        regex: '^\\.\\./(?!\\.\\./)[^/]+/',
        message: 'A feature imports no other feature: shared code lives in src/lib or src/components.',
      },
    ],
  },
  contract: {
    // The wire contract is read by the browser and the server alike: zod and its own modules only.
    files: ['contract/**'],
    patterns: [
      { regex: '^(?!zod$|\\./)', message: 'The wire contract imports only zod and its own modules.' },
    ],
  },
  composition: {
    // A tenant-mode process never loads the generator: the demo branch uses a dynamic import().
    files: ['server/compose.ts'],
    patterns: [
      {
        regex: '(^|/)devtenant(/|$)',
        allowTypeImports: true,
        message: 'Load the dev tenant with a dynamic import inside the demo branch.',
      },
    ],
  },
};

function boundaryBlocks() {
  return Object.values(ZONES).map((zone) => {
    const outer = zone.within ? ZONES[zone.within] : undefined;
    const paths = [...(outer?.paths ?? []), ...(zone.paths ?? [])];
    const patterns = [...(outer?.patterns ?? []), ...(zone.patterns ?? [])];
    return {
      files: zone.files,
      ...(zone.ignores ? { ignores: zone.ignores } : {}),
      rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
    };
  });
}

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'bench/results',
      'appPackage/build',
      'test-results',
      'coverage',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  ...boundaryBlocks(),
);
