// The file tool's answer (fake Airflow 3): a file defining 300 DAGs within the bound, and a file
// whose three DAGs the server runs from it, its source read once and compared.
import assert from 'node:assert/strict';
import { AirflowClient } from '../../../src/airflow';
import { describeFileDags } from '../../../src/agentTools/dagFileAnswer';
import type { ToolConnection } from '../../../src/agentTools/toolContext';
import { RESULT_MAX_BYTES } from '../../../src/agentTools/toolText';
import { findDagDefinitions } from '../../../src/dagFiles/dagIds';
import { sameSource } from '../../../src/dagFiles/lensText';
import { sameFile } from '../../../src/dagFiles/paths';
import { FakeAirflow, fakeDag } from '../../support/fakeAirflow';

const matching = { findDagDefinitions, sameFile, sameSource };
const dagFile = (ids: string[]) => ids.map((id) => `with DAG("${id}", schedule=None):\n    pass\n`).join('\n');

describe("the file tool's answer (fake Airflow 3)", function () {
  this.timeout(60_000);
  let fake: FakeAirflow;
  let on: ToolConnection;
  beforeEach(async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
    on = { name: 'big', client: await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } }) };
  });
  afterEach(() => fake.close());

  it('a file defining 300 DAGs of a 5,000-DAG server: within the bound, saying how many it left out', async () => {
    fake.serveDags(5000);
    const ids = Array.from({ length: 300 }, (_, i) => String(fakeDag(i).dag_id));
    const text = dagFile(ids);
    const answer = await describeFileDags(
      { name: 'dags/fleet.py', text, dirty: false, local: { rel: 'fleet.py', anchored: false } },
      on,
      matching,
    );
    assert.ok(Buffer.byteLength(answer) <= RESULT_MAX_BYTES, `${Buffer.byteLength(answer)} bytes`);
    assert.match(answer, /^dags\/fleet\.py defines 300 DAGs:$/m);
    assert.match(
      answer,
      new RegExp(`^- ${ids[0]} \\(line 1\\): deployed, but from another file: data-platform/pipelines/`, 'm'),
    );
    const shown = answer.match(/^- /gm)!.length;
    assert.match(answer, new RegExp(`… and ${300 - shown} more DAGs in this file\\.$`));
  });

  it("three DAGs the server runs from this very file: its source read once, each 'deployed as written' or not", async () => {
    const ids = ['etl_a', 'etl_b', 'etl_c'];
    const text = dagFile(ids);
    fake.route('GET', '/api/v2/dags', () => ({
      json: {
        dags: ids.map((id) => ({
          ...fakeDag(0),
          dag_id: id,
          dag_display_name: id,
          fileloc: '/opt/airflow/dags/etl.py',
          relative_fileloc: 'etl.py',
          is_paused: false,
        })),
        total_entries: 3,
      },
    }));
    let served = text;
    for (const id of ids)
      fake.route('GET', `/api/v2/dagSources/${id}`, () => ({ json: { content: served, dag_id: id } }));
    const file = { name: 'dags/etl.py', text, dirty: false, local: { rel: 'etl.py', anchored: false } };
    const same = await describeFileDags(file, on, matching);
    assert.equal(same.match(/: deployed as written; not paused; file on the server etl\.py/g)?.length, 3);
    assert.equal(
      fake.requests.filter((r) => r.path.startsWith('/api/v2/dagSources/')).length,
      1,
      'one source read for the one file',
    );
    served = `${text}\n# changed on the server`;
    const differs = await describeFileDags({ ...file, dirty: true }, on, matching);
    assert.equal(
      differs.match(/: deployed, but the server's source differs from this file \(which has unsaved edits\)/g)?.length,
      3,
    );
  });
});
