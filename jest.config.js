/**
 * Unit tests (*.spec.ts) sit beside the code; end-to-end tests (*.e2e-spec.ts) live under test/.
 * NestJS 12, otplib's @scure/@noble helpers, jose, intl-messageformat with its @formatjs parsers, and the
 * OpenAPI validator (@seriousme) ship ES modules only, and Jest on Node 20 cannot require() them, so SWC compiles
 * our TypeScript and those packages to CommonJS (it rewrites import.meta.url too).
 */
const swc = (syntax) => [
  '@swc/jest',
  {
    jsc: {
      parser: syntax === 'typescript' ? { syntax, decorators: true } : { syntax },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: { '^.+\\.ts$': swc('typescript'), '^.+\\.m?js$': swc('ecmascript') },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@scure|@noble|@seriousme|@formatjs|intl-messageformat|jose)/)'],
  moduleNameMapper: { '^@sitepass/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};

/**
 * Two projects: `unit` needs nothing running (`npm run test:unit`, a few seconds); `e2e` creates and
 * migrates the test databases first. `npm test` runs both.
 */
module.exports = {
  maxWorkers: 2,
  // Each test file leaves its VM context behind in Node 20 (about 30 MB after GC, the whole module graph), so
  // a worker grew to 2 GB and its late files ran three times slower: it is replaced once it passes 800 MB.
  workerIdleMemoryLimit: '800MB',
  testTimeout: 30000,
  projects: [
    { ...shared, displayName: 'unit', testRegex: '(apps|libs)/.*\\.spec\\.ts$' },
    {
      ...shared,
      displayName: 'e2e',
      testRegex: 'test/.*\\.e2e-spec\\.ts$',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
