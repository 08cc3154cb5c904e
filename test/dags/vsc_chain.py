"""Test DAG for the VS Code Airflow extension: airflow dag `vsc_chain`, a chain with a side branch.

first -> middle -> last
first -> aside

Clearing `middle` with its downstream clears `middle` and `last`; `first` (upstream) and `aside`
(a sibling branch) keep their state. Every task succeeds quickly.
"""
import logging
from datetime import datetime

try:  # Airflow 3.x
    from airflow.sdk import dag, task
except ImportError:  # Airflow 2.x
    from airflow.decorators import dag, task

log = logging.getLogger(__name__)


@dag(
    dag_id="vsc_chain",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["vsc-test", "chain"],
)
def vsc_chain():
    @task
    def first():
        log.info("VSC_CHAIN first")

    @task
    def middle():
        log.info("VSC_CHAIN middle")

    @task
    def last():
        log.info("VSC_CHAIN last")

    @task
    def aside():
        log.info("VSC_CHAIN aside")

    start = first()
    start >> middle() >> last()
    start >> aside()


vsc_chain()
