/**
 * The dependency rule of docs/architecture.md, checked by `npm run lint`:
 *
 *   apps → web → http → auth, delivery → messaging → database → common → config
 *          health ───────────────────────────↗ (health: common, database's connection)
 *   i18n (locales, catalogs, formatting) imports no library; every library that words text may import it.
 *
 * A library imports only the libraries below it, through their index (eslint checks the index part), and
 * the worker's process loads no password hashing, passport, OTP library or phone metadata.
 */
const lib = (name) => `^libs/${name}/src/`;
const below = {
  config: [],
  i18n: [],
  common: ['config'],
  database: ['common', 'config', 'i18n'],
  messaging: ['database', 'common', 'config', 'i18n'],
  auth: ['messaging', 'database', 'common', 'config', 'i18n'],
  delivery: ['messaging', 'database', 'common', 'config', 'i18n'],
  health: ['common', 'config'],
  http: ['auth', 'health', 'messaging', 'database', 'common', 'config', 'i18n'],
  web: ['http', 'auth', 'health', 'messaging', 'database', 'common', 'config', 'i18n'],
};

module.exports = {
  forbidden: [
    ...Object.entries(below).map(([name, allowed]) => ({
      name: `${name}-imports-only-below`,
      comment: `libs/${name} may import ${allowed.length ? allowed.map((other) => `libs/${other}`).join(', ') : 'no other library'} (docs/architecture.md)`,
      severity: 'error',
      from: { path: lib(name) },
      to: { path: '^libs/([^/]+)/src/', pathNot: [lib(name), ...allowed.map(lib)] },
    })),
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'worker-process-stays-slim',
      comment: 'The worker process (not its one-off commands) loads no argon2, passport, OTP library, phone metadata or Swagger.',
      severity: 'error',
      from: { path: '^apps/worker/src/main\\.ts$' },
      to: {
        path: 'node_modules/(argon2|passport|passport-jwt|@nestjs/passport|otplib|@otplib|libphonenumber-js|qrcode|@nestjs/swagger)/',
        reachable: true,
      },
    },
    {
      name: 'worker-process-skips-the-edge',
      comment: 'The worker serves health and metrics only: no HTTP edge, no MFA core.',
      severity: 'error',
      from: { path: '^apps/worker/src/main\\.ts$' },
      to: { path: '^libs/(http|auth)/', reachable: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
