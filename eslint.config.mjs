// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.sitepass/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      // Libraries are imported through their public index, never by a deep path (style habit 2).
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@sitepass/*/*'], message: 'Import a library through its index: @sitepass/<lib>.' }] },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      // Apps are transport: they never read the environment themselves (style habit 9).
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @sitepass/config.' },
      ],
    },
  },
  {
    // One owner per table (docs/architecture.md): SQL and ORM reads and writes are written in libs/database's
    // repositories; services call them. The health probe (SELECT 1) and the relay's LISTEN are not table access.
    // And error messages come from the catalogs (libs/i18n), not from text at the throw.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/database/**', '**/*.spec.ts', 'libs/health/src/health.controller.ts', 'libs/delivery/src/outbox.relay.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository|find|findOne|findOneBy|findBy|insert|update|upsert|delete|save|increment|decrement)$/][callee.object.property.name=/^(db|manager|dataSource)$/]',
          message: 'Tables are read and written by their repository in libs/database (docs/architecture.md).',
        },
        {
          selector: "CallExpression[callee.property.name=/^(query|createQueryBuilder)$/][callee.object.name='manager']",
          message: 'Tables are read and written by their repository in libs/database (docs/architecture.md).',
        },
        {
          // I18N-1: an error's message comes from the catalogs, so that every reader gets it in their language.
          selector: "NewExpression[callee.name='DomainError']",
          message: "Throw DomainError.of('error.<code>…'), a catalog message, so that the error is translated (libs/i18n).",
        },
      ],
    },
  },
);
