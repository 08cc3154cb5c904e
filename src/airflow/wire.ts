// Wire formats, picked from the types generated from the official OpenAPI specs.
import type { components as C1 } from './generated/v1';
import type { components as C2 } from './generated/v2';

type S1 = C1['schemas'];
type S2 = C2['schemas'];

export type V1Dag = S1['DAG'];
export type V1DagDetail = S1['DAGDetail'];
export type V1DagCollection = S1['DAGCollection'];
export type V1DagRun = S1['DAGRun'];
export type V1DagRunCollection = S1['DAGRunCollection'];
export type V1TaskInstance = S1['TaskInstance'];
export type V1TaskInstanceCollection = S1['TaskInstanceCollection'];
export type V1TaskInstanceReferenceCollection = S1['TaskInstanceReferenceCollection'];
export type V1TaskCollection = S1['TaskCollection'];
export type V1Health = S1['HealthInfo'];
export type V1Version = S1['VersionInfo'];
export type V1ImportErrorCollection = S1['ImportErrorCollection'];
export type V1ClearTaskInstances = S1['ClearTaskInstances'];
export type V1UpdateTaskInstancesState = S1['UpdateTaskInstancesState'];

export type V2Dag = S2['DAGResponse'];
export type V2DagDetails = S2['DAGDetailsResponse'];
export type V2DagCollection = S2['DAGCollectionResponse'];
export type V2DagRun = S2['DAGRunResponse'];
export type V2DagRunCollection = S2['DAGRunCollectionResponse'];
export type V2TaskInstance = S2['TaskInstanceResponse'];
export type V2TaskInstanceCollection = S2['TaskInstanceCollectionResponse'];
export type V2TaskInstanceHistory = S2['TaskInstanceHistoryResponse'];
export type V2TaskInstanceHistoryCollection = S2['TaskInstanceHistoryCollectionResponse'];
export type V2TaskCollection = S2['TaskCollectionResponse'];
export type V2Health = S2['HealthInfoResponse'];
export type V2Version = S2['VersionInfo'];
export type V2ImportErrorCollection = S2['ImportErrorCollectionResponse'];
export type V2ClearTaskInstancesBody = S2['ClearTaskInstancesBody'];
export type V2PatchTaskInstanceBody = S2['PatchTaskInstanceBody'];
export type V2LogResponse = S2['TaskInstancesLogResponse'];

/**
 * The spec marks `logical_date` optional, but Airflow 3.x answers 422 when the key is
 * missing (its value may be null). Corrected here so the compiler enforces it.
 */
export type V2TriggerBody = Omit<S2['TriggerDAGRunPostBody'], 'logical_date'> & { logical_date: string | null };
export type V1TriggerBody = Pick<S1['DAGRun'], 'conf' | 'dag_run_id' | 'logical_date' | 'note'>;
