"""Example Airflow DAG. A mapped task: one task instance per file, grouped in the tree as `process [4 mapped]`."""
import logging
from datetime import datetime

from _compat import dag, task

log = logging.getLogger(__name__)


@dag(dag_id="example_mapped", schedule=None, start_date=datetime(2024, 1, 1), catchup=False, tags=["example"])
def example_mapped():
    @task
    def list_files():
        return ["a.csv", "b.csv", "c.csv", "d.csv"]

    @task
    def process(name):
        log.info("processing %s", name)
        return len(name)

    process.expand(name=list_files())


example_mapped()
