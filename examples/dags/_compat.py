"""Shared by the example Airflow DAGs: Imports that differ between Airflow 2.x and 3.x, so each example runs on both."""
try:  # Airflow 3.x
    from airflow.sdk import dag, task, get_current_context, Param
except ImportError:  # Airflow 2.x
    from airflow.decorators import dag, task
    from airflow.models.param import Param
    from airflow.operators.python import get_current_context

__all__ = ["dag", "task", "get_current_context", "Param"]
