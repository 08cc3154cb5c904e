// Mocha's spec reporter, plus a JSON file with the counts so the test runner can sum layers.
const fs = require('node:fs');
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const out = options.reporterOptions?.out ?? process.env.MOCHA_COUNTS_FILE;
    const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
    runner.on(EVENT_TEST_PASS, () => counts.passed++);
    runner.on(EVENT_TEST_PENDING, () => counts.skipped++);
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      counts.failed++;
      counts.failures.push({ title: test.fullTitle(), error: String(err?.message ?? err) });
    });
    runner.once(EVENT_RUN_END, () => {
      if (out) fs.writeFileSync(out, JSON.stringify(counts));
    });
  }
}
module.exports = CountingReporter;
