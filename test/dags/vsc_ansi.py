"""Test DAG for the VS Code Airflow extension: airflow dag `vsc_ansi`.

One task that logs words in ANSI SGR colours (red, bold green, on blue), as tools with coloured
output do, then a plain closing line.
"""
import logging
from datetime import datetime

try:  # Airflow 3.x
    from airflow.sdk import dag, task
except ImportError:  # Airflow 2.x
    from airflow.decorators import dag, task

log = logging.getLogger(__name__)


@dag(
    dag_id="vsc_ansi",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["vsc-test", "ansi"],
)
def vsc_ansi():
    @task
    def paint():
        log.info("VSC_ANSI \x1b[31mVSCRED\x1b[0m plain \x1b[1;32mVSCGREEN\x1b[0m \x1b[44mVSCONBLUE\x1b[0m")
        log.info("VSC_ANSI done")

    paint()


vsc_ansi()
