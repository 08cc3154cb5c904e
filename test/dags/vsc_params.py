"""Test DAG for the VS Code Airflow extension: airflow dag `vsc_params`.

Has params `name` (string, default "world") and `count` (integer, default 3).
"""
import logging
from datetime import datetime

try:  # Airflow 3.x
    from airflow.sdk import dag, task, get_current_context, Param
except ImportError:  # Airflow 2.x
    from airflow.decorators import dag, task
    from airflow.models.param import Param
    from airflow.operators.python import get_current_context

log = logging.getLogger(__name__)


@dag(
    dag_id="vsc_params",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["vsc-test", "params"],
    params={
        "name": Param("world", type="string", description="Who the task greets."),
        "count": Param(3, type="integer", minimum=1, description="How many greetings to log."),
    },
)
def vsc_params():
    @task
    def show_params():
        params = get_current_context()["params"]
        log.info("VSC_PARAMS name=%s count=%s", params["name"], params["count"])

    show_params()


vsc_params()
