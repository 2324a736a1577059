import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-artifacts/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      // eval-like execution of AI or user text is never allowed: rules are data.
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['addin/**/*.{ts,tsx}'],
    ignores: ['addin/workbook/office-gateway.ts'],
    rules: {
      // Only the Office gateway may touch the Office object model.
      'no-restricted-globals': ['error', { name: 'Excel', message: 'Use the WorkbookGateway (addin/workbook/).' }, { name: 'Office', message: 'Use the WorkbookGateway (addin/workbook/).' }, 'alert', 'confirm', 'prompt'],
    },
  },
);
