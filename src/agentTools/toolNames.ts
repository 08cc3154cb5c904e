// Every language-model tool, as package.json's `contributes.languageModelTools` declares them (a
// unit test compares the two, and each name with its implementation).
export const TOOL_NAMES = [
  'airflow_health',
  'airflow_listDags',
  'airflow_dagDetails',
  'airflow_listRuns',
  'airflow_recentFailures',
  'airflow_runTasks',
  'airflow_taskLog',
  'airflow_importErrors',
  'airflow_dagForFile',
  'airflow_waitForRun',
  'airflow_trigger',
  'airflow_setPaused',
  'airflow_clear',
  'airflow_mark',
] as const;
