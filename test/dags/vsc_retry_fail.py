"""Test DAG for the VS Code Airflow extension: airflow dag `vsc_retry_fail`.

One task with one retry that always fails, so the run ends failed after 2 tries.
"""
import logging
from datetime import datetime, timedelta

try:  # Airflow 3.x
    from airflow.sdk import dag, task, get_current_context
except ImportError:  # Airflow 2.x
    from airflow.decorators import dag, task
    from airflow.operators.python import get_current_context

log = logging.getLogger(__name__)


@dag(
    dag_id="vsc_retry_fail",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["vsc-test", "failing"],
)
def vsc_retry_fail():
    @task(retries=1, retry_delay=timedelta(seconds=2))
    def flaky():
        ctx = get_current_context()
        log.info("VSC_ATTEMPT try=%s", ctx["ti"].try_number)
        raise RuntimeError("vsc_retry_fail: deliberate failure")

    flaky()


vsc_retry_fail()
