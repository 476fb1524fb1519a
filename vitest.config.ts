import { defineConfig } from 'vitest/config';

// Two projects. `unit`: pure logic and the pipeline/domain rules on in-memory SQLite
// with fixture files; no build, no servers, no gpg process (npm run test:unit).
// `integration`: the built CLI (dist/) against a real Dovecot, SMTP sink and gpg/sq;
// its global setup builds dist/ first. `npm test` runs both.
// Tests run on fixed clocks: recording commands accept --now only under this switch
// (src/util/clock.ts), which the daemon, the unit and the README never set. Children
// spawned with { ...process.env } inherit it.
// SUDO_USER is emptied so a suite run under sudo records the same actors as one run without.
const TEST_ENV = { SECTRIAGE_TEST_CLOCK: '1', SUDO_USER: '' };

export default defineConfig({
  test: {
    // better-sqlite3 is a native addon: forks, not threads.
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          env: TEST_ENV,
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          pool: 'forks',
          // The slowest unit test takes well under a second; 10 s leaves room on a busy box.
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'integration',
          env: TEST_ENV,
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**', 'test/fixtures/**', '**/node_modules/**'],
          pool: 'forks',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
