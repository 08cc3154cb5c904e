"""Deliberately broken airflow dag file for the VS Code extension tests.

Importing a module that does not exist makes this file show up in Airflow's
import errors (GET /importErrors). Do not fix it.
"""
from datetime import datetime

import this_module_does_not_exist_vsc  # noqa: F401  (deliberate import error)

try:
    from airflow.sdk import dag, task
except ImportError:
    from airflow.decorators import dag, task


@dag(dag_id="vsc_broken", schedule=None, start_date=datetime(2024, 1, 1), catchup=False, tags=["vsc-test"])
def vsc_broken():
    @task
    def never():
        pass

    never()


vsc_broken()
