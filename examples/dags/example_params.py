"""Example Airflow DAG. Params with defaults, types and descriptions: "Trigger with Config..." prefills them."""
import logging
from datetime import datetime

from _compat import dag, task, get_current_context, Param

log = logging.getLogger(__name__)


@dag(
    dag_id="example_params",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["example"],
    params={
        "table": Param("events", type="string", description="Which table to rebuild."),
        "days": Param(7, type="integer", minimum=1, maximum=90, description="How many days back to rebuild."),
        "dry_run": Param(False, type="boolean", description="Only log what would be done."),
    },
)
def example_params():
    @task
    def rebuild():
        p = get_current_context()["params"]
        log.info("rebuilding %s for the last %s days (dry run: %s)", p["table"], p["days"], p["dry_run"])

    rebuild()


example_params()
