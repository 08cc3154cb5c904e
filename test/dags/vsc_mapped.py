"""Test DAG for the VS Code Airflow extension: airflow dag `vsc_mapped`.

make_items -> process (mapped over 4 items, rendered map index "item-<x>") -> summarize.
"""
import logging
from datetime import datetime

try:  # Airflow 3.x
    from airflow.sdk import dag, task, get_current_context
except ImportError:  # Airflow 2.x
    from airflow.decorators import dag, task
    from airflow.operators.python import get_current_context

log = logging.getLogger(__name__)


@dag(
    dag_id="vsc_mapped",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["vsc-test", "mapped"],
)
def vsc_mapped():
    @task
    def make_items():
        return ["a", "b", "c", "d"]

    # Rendered map index ("item-a", ...): the documented TaskFlow way is to put a
    # value into the context while the task runs and reference it in the template.
    @task(map_index_template="item-{{ vsc_item }}")
    def process(item):
        get_current_context()["vsc_item"] = item
        log.info("VSC_MAPPED item=%s", item)
        return item.upper()

    @task
    def summarize(results):
        results = list(results)
        log.info("VSC_SUMMARY results=%s", ",".join(results))
        return len(results)

    summarize(process.expand(item=make_items()))


vsc_mapped()
