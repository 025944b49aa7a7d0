import { ESLintUtils } from '@typescript-eslint/utils';

export const REPOSITORY_URL = 'https://github.com/tenant-isolation/tenant-isolation';

export const ruleDocsUrl = (name: string): string =>
  `${REPOSITORY_URL}/blob/main/packages/eslint-plugin/docs/rules/${name}.md`;

export const createRule = ESLintUtils.RuleCreator(ruleDocsUrl);
