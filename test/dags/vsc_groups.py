"""Test DAG for the VS Code Airflow extension: airflow dag `vsc_groups`, with nested task groups.

start -> extract (z_fetch -> a_parse, mapped over 2 parts)
      -> transform (b_clean -> checks (x_rows fails, y_schema) -> a_publish)
      -> report

Ids sort the other way from the run order at every level (a_parse before z_fetch, a_publish
before b_clean, report before start), so a tree in id order would show it. x_rows always fails,
so `transform` and `checks` end failed while `extract` ends success.
"""
import logging
from datetime import datetime

try:  # Airflow 3.x
    from airflow.sdk import dag, task, task_group
except ImportError:  # Airflow 2.x
    from airflow.decorators import dag, task, task_group

log = logging.getLogger(__name__)


@dag(
    dag_id="vsc_groups",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["vsc-test", "groups"],
)
def vsc_groups():
    @task
    def start():
        log.info("VSC_GROUPS start")

    @task_group(group_id="extract")
    def extract():
        @task
        def z_fetch():
            return [1, 2]

        @task
        def a_parse(part):
            log.info("VSC_GROUPS part=%s", part)

        a_parse.expand(part=z_fetch())

    @task_group(group_id="transform")
    def transform():
        @task
        def b_clean():
            log.info("VSC_GROUPS clean")

        @task_group(group_id="checks")
        def checks():
            @task(retries=0)
            def x_rows():
                raise RuntimeError("vsc_groups: deliberate failure in transform.checks.x_rows")

            @task
            def y_schema():
                log.info("VSC_GROUPS schema ok")

            x_rows()
            y_schema()

        @task
        def a_publish():
            log.info("VSC_GROUPS publish")

        b_clean() >> checks() >> a_publish()

    @task
    def report():
        log.info("VSC_GROUPS report")

    start() >> extract() >> transform() >> report()


vsc_groups()
