/**
 * Unit tests (*.spec.ts) sit beside the code; end-to-end tests (*.e2e-spec.ts) live under test/.
 * NestJS 12 and otplib's @scure/@noble helpers ship ES modules only, and Jest on Node 20 cannot require()
 * them, so SWC compiles our TypeScript and those packages to CommonJS (it rewrites import.meta.url too).
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

module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testRegex: '(apps|libs|test)/.*\\.(spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': swc('typescript'), '^.+\\.m?js$': swc('ecmascript') },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@scure|@noble)/)'],
  moduleNameMapper: { '^@sitepass/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30000,
};
