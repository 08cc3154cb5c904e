"""Example Airflow DAG. A task that runs for about a minute and logs as it goes: open its log while it runs to follow it."""
import logging
import time
from datetime import datetime

from _compat import dag, task

log = logging.getLogger(__name__)


@dag(dag_id="example_live_log", schedule=None, start_date=datetime(2024, 1, 1), catchup=False, tags=["example"])
def example_live_log():
    @task
    def crunch():
        for step in range(1, 21):
            log.info("step %d of 20", step)
            time.sleep(3)
        log.info("done")

    crunch()


example_live_log()
