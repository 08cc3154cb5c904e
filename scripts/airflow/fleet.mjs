// A deployment the size of a real one: the DAGs each test Airflow holds beside test/dags.
//
// 300 generated DAGs `vsc_zz_fleet_000` … `vsc_zz_fleet_299`, built in a loop by one file (one
// file to parse is what costs the DAG processor least), and a file with two more DAGs whose ids
// share that prefix, written out literally as a user's file would (`vsc_zz_fleet_ok`,
// `vsc_zz_zulu.odd-1`): a lookup of that file's DAGs by a shared pattern matches all 302.
// Their ids share `vsc_` with the test DAGs (a `vsc_` pattern matches them all) and sort after
// them, so the first page of a listing still holds every test DAG.
// They are written at each server start into a folder of that server's own, never into test/dags.

import fs from 'node:fs';
import path from 'node:path';

export const FLEET = {
  prefix: 'vsc_zz_fleet_',
  count: 300,
  /** The file a user would have in a checkout: literal DAG ids sharing a prefix with the fleet. */
  probeFile: 'vsc_zz_probe.py',
  probeIds: ['vsc_zz_fleet_ok', 'vsc_zz_zulu.odd-1'],
};

/** The number of DAGs `writeFleet` defines. */
export const FLEET_DAG_COUNT = FLEET.count + FLEET.probeIds.length;

const LOOP_FILE = `"""Generated at server start by scripts/airflow/fleet.mjs: ${FLEET.count} airflow DAGs built in a loop."""
from datetime import datetime

from airflow import DAG

for i in range(${FLEET.count}):
    dag_id = f"${FLEET.prefix}{i:03d}"
    globals()[dag_id] = DAG(dag_id, schedule=None, start_date=datetime(2024, 1, 1), catchup=False)
`;

const PROBE_FILE = `"""Generated at server start by scripts/airflow/fleet.mjs: airflow DAGs whose ids share a prefix with ${FLEET.count} others."""
from datetime import datetime

from airflow import DAG

with DAG("${FLEET.probeIds[0]}", schedule=None, start_date=datetime(2024, 1, 1), catchup=False):
    pass

with DAG("${FLEET.probeIds[1]}", schedule=None, start_date=datetime(2024, 1, 1), catchup=False):
    pass
`;

/** Writes the fleet's two files into `folder` (created when absent). */
export function writeFleet(folder) {
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'vsc_zz_fleet.py'), LOOP_FILE);
  fs.writeFileSync(path.join(folder, FLEET.probeFile), PROBE_FILE);
}
