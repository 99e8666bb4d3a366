import type { Config } from 'jest';

// Two tiers: pure domain unit tests beside the code, and HTTP e2e tests
// against a real PostgreSQL (embedded unless DATABASE_URL is set).
const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
};

const config: Config = {
  projects: [
    {
      displayName: 'unit',
      rootDir: '.',
      moduleFileExtensions: ['js', 'json', 'ts'],
      testRegex: 'src/.*\\.spec\\.ts$',
      transform,
      testEnvironment: 'node',
    },
    {
      displayName: 'e2e',
      rootDir: '.',
      moduleFileExtensions: ['js', 'json', 'ts'],
      testRegex: 'test/.*\\.e2e-spec\\.ts$',
      transform,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  // jest-circus reads the timeout from the global config only (a project's own is ignored);
  // e2e files boot the app and walk every route, which takes more than 5 s on a busy machine.
  testTimeout: 60000,
};

export default config;
