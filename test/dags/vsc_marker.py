"""Test DAG for the VS Code Airflow extension: airflow dag `vsc_marker`.

One task that succeeds and logs a marker line unique to its run and try.
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
    dag_id="vsc_marker",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["vsc-test", "marker"],
    doc_md="Logs `VSC_MARKER run_id=<run id> try=<try number>`.",
)
def vsc_marker():
    @task
    def say_marker():
        ctx = get_current_context()
        line = f"VSC_MARKER run_id={ctx['run_id']} try={ctx['ti'].try_number}"
        log.info(line)

    say_marker()


vsc_marker()
