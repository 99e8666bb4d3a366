import type { Config } from 'jest';

// Two tiers: pure domain unit tests beside the code, and HTTP e2e tests
// against a real PostgreSQL (embedded unless DATABASE_URL is set).
const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
};

const config: Config = {
  // Global (a project's own testTimeout is not applied): e2e set-up on a busy machine takes more than 5 s.
  testTimeout: 60000,
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
      testTimeout: 60000,
    },
  ],
};

export default config;
