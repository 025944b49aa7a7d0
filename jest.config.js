/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/bench'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/__testfixtures__/'],
  moduleNameMapper: {
    '^@tenant-isolation/([a-z-]+)$': '<rootDir>/packages/$1/src',
    '^eslint-plugin-tenant-isolation$': '<rootDir>/packages/eslint-plugin/src',
    '^@tenant-isolation/([a-z-]+)/(.+)$': '<rootDir>/packages/$1/src/$2',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  testTimeout: 60000,
};
