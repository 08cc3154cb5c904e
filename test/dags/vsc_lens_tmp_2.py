# airflow dag helper for the lens suite: imports fine now
import airflow  # noqa: F401
