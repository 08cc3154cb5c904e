// Mocha's spec reporter, plus a JSON file with the counts so the test runner can sum layers:
// { passed, failed, skipped: [titles], failures: [{ title, error }], current } where `current`
// is the test running now (the runner's watchdog names it when a layer hangs).
const fs = require('node:fs');
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_TEST_BEGIN, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } =
  Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const out = options.reporterOptions?.out ?? process.env.MOCHA_COUNTS_FILE;
    const counts = { passed: 0, failed: 0, skipped: [], failures: [], current: null, done: false };
    const write = () => {
      if (!out) return;
      fs.writeFileSync(`${out}.tmp`, JSON.stringify(counts));
      fs.renameSync(`${out}.tmp`, out);
    };
    runner.on(EVENT_TEST_BEGIN, (test) => {
      counts.current = test.fullTitle();
      write();
    });
    runner.on(EVENT_TEST_PASS, () => counts.passed++);
    runner.on(EVENT_TEST_PENDING, (test) => counts.skipped.push(test.fullTitle()));
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      counts.failed++;
      counts.failures.push({ title: test.fullTitle(), error: String(err?.message ?? err) });
    });
    runner.once(EVENT_RUN_END, () => {
      counts.current = null;
      counts.done = true;
      write();
    });
  }
}
module.exports = CountingReporter;
