"""Test DAG for the VS Code Airflow extension: airflow dag `vsc_long`.

One task that runs ~20 s and logs `VSC_TICK n=<n>` every 2 s.
"""
import logging
import time
from datetime import datetime

try:  # Airflow 3.x
    from airflow.sdk import dag, task
except ImportError:  # Airflow 2.x
    from airflow.decorators import dag, task

log = logging.getLogger(__name__)


@dag(
    dag_id="vsc_long",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["vsc-test", "slow"],
)
def vsc_long():
    @task
    def tick():
        for n in range(1, 11):
            log.info("VSC_TICK n=%d", n)
            time.sleep(2)
        log.info("VSC_TICK done")

    tick()


vsc_long()
