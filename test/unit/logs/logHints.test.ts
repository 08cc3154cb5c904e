// What a log tab says when a log is missing or cannot be read.
import assert from 'node:assert/strict';
import { explainLog, missingTryReason } from '../../../src/logs/logHints';

describe('explanations for missing logs', () => {
  it('explains a worker that cannot serve the log and misconfigured remote logging', () => {
    assert.match(explainLog(['*** Could not read served logs: [Errno 111] Connection refused'])[0], /worker/);
    assert.match(explainLog(['*** Unable to read remote log from s3://bucket/x'])[0], /remote_logging/);
    assert.deepEqual(explainLog(['[2026] INFO - all good']), []);
  });

  it('says when a task never ran or a try is out of range', () => {
    assert.match(
      missingTryReason('t try 0', 0, { tryNumber: 0, state: 'scheduled' })!,
      /has not run \(state: scheduled\)/,
    );
    assert.match(missingTryReason('t try 5', 5, { tryNumber: 2, state: 'failed' })!, /has run 2 times/);
    assert.match(missingTryReason('t try 1', 1, undefined)!, /no task instance/);
    assert.equal(missingTryReason('t try 2', 2, { tryNumber: 2, state: 'running' }), undefined);
  });
});
