"""A DAG file that does not import: it shows under "DAG files failed to import" in the Airflow view."""
from datetime import datetime

from airflow import DAG
from a_module_that_is_not_installed import something  # noqa: F401  (the import error the example shows)

with DAG(dag_id="example_broken", schedule=None, start_date=datetime(2024, 1, 1)):
    pass
