/** Jest runs the TypeScript sources directly; `npm test` type-checks the whole tree with tsc first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  // Guard: a socket leaked by a failing test must not hold CI until its time limit; jest names the suite.
  forceExit: true,
};
