/** Jest runs the TypeScript sources directly; `npm test` type-checks the whole tree with tsc first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  // Guard: a socket leaked by a failing test must not hold CI until its time limit; jest names the suite.
  forceExit: true,
  // One test file at a time (servers on fixed resources, timing-sensitive stand-ins), in a worker process that is
  // replaced once it holds more than this after a file: in one process the suite's 229 files ran out of heap.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1536MB',
};
