"""Example Airflow DAG. A small pipeline that succeeds: extract -> transform -> load."""
import logging
from datetime import datetime

from _compat import dag, task

log = logging.getLogger(__name__)


@dag(dag_id="example_etl", schedule=None, start_date=datetime(2024, 1, 1), catchup=False, tags=["example"],
     doc_md="Extracts a few rows, doubles them and 'loads' them into the log.")
def example_etl():
    @task
    def extract():
        rows = [1, 2, 3, 4]
        log.info("extracted %d rows", len(rows))
        return rows

    @task
    def transform(rows):
        doubled = [r * 2 for r in rows]
        log.info("transformed: %s", doubled)
        return doubled

    @task
    def load(rows):
        log.info("loaded %d rows, total %d", len(rows), sum(rows))

    load(transform(extract()))


example_etl()
