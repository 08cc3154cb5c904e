"""Example Airflow DAG. A task that fails on its first try and succeeds on the retry: open both tries' logs."""
import logging
from datetime import datetime, timedelta

from _compat import dag, task, get_current_context

log = logging.getLogger(__name__)


@dag(dag_id="example_flaky", schedule=None, start_date=datetime(2024, 1, 1), catchup=False, tags=["example"])
def example_flaky():
    @task(retries=1, retry_delay=timedelta(seconds=3))
    def call_flaky_service():
        try_number = get_current_context()["ti"].try_number
        if try_number == 1:
            raise ConnectionError("the service timed out (this example always fails its first try)")
        log.info("the service answered on try %s", try_number)

    call_flaky_service()


example_flaky()
