// The tools that read a deployment and its DAGs: health and version, the DAG list, one DAG's
// details (and source), and the server's import errors.
import type { AirflowClient, Dag, DagFilter } from '../airflow';
import { latestRuns } from '../views/explorer/dagList';
import { header, type AgentTool, type ConnectionInput } from './toolContext';
import { dataBlock, oneLine, ToolText, when } from './toolText';

/** The most DAGs read to find failing ones where the server cannot filter by last run (2.x). */
const FAILING_SCAN_MAX = 5000;

export const healthTool: AgentTool = {
  name: 'airflow_health',
  progress: () => 'Asking the Airflow server how it is',
  async run(_input, on) {
    const [version, health] = await Promise.all([on.client.version(), on.client.health()]);
    const out = new ToolText();
    out.add(header(on));
    out.add(`Airflow ${oneLine(version.version, 40)}, REST API ${version.api}.`);
    for (const [name, c] of Object.entries(health)) {
      if (!c) continue;
      const beat = c.latestHeartbeat ? `, last heartbeat ${when(c.latestHeartbeat)}` : '';
      out.add(`- ${name}: ${c.status ?? 'unknown'}${beat}`);
    }
    return out.end();
  },
};

interface DagsInput extends ConnectionInput {
  text?: string;
  tags?: string[];
  paused?: boolean;
  failing?: boolean;
  offset?: number;
  limit?: number;
}

export const listDagsTool: AgentTool<DagsInput> = {
  name: 'airflow_listDags',
  progress: (i) => `Listing DAGs${i.text ? ` matching "${oneLine(i.text, 40)}"` : ''}`,
  async run(input, on) {
    const offset = Math.max(0, Math.floor(input.offset ?? 0));
    const limit = Math.min(200, Math.max(1, Math.floor(input.limit ?? 50)));
    const filter: DagFilter = { namePattern: input.text?.trim() || undefined, tags: input.tags, paused: input.paused };
    const out = new ToolText();
    out.add(header(on));
    if (input.failing) {
      const failing = await failingDags(on.client, filter);
      out.add(`${failing.length} DAGs whose newest run failed${failing.length ? ':' : '.'}`);
      out.items(failing.slice(offset, offset + limit), dagLine, { offset, total: failing.length });
      return out.end();
    }
    const page = await on.client.listDags(filter, { offset, limit });
    out.add(`${page.total} DAGs match; these are ${offset + 1}–${offset + page.items.length}:`);
    const runs = await latestRuns(on.client, page.items);
    out.items(page.items, (d) => dagLine(d, runs.get(d.dagId)?.state), { offset, total: page.total });
    return out.end();
  },
};

function dagLine(d: Dag, lastRun?: string): string {
  const facts = [
    d.isPaused ? 'paused' : 'active',
    d.schedule ? `schedule ${oneLine(d.schedule, 60)}` : 'no schedule',
    lastRun ? `newest run ${lastRun}` : undefined,
    d.tags.length ? `tags ${d.tags.map((t) => oneLine(t, 40)).join(', ')}` : undefined,
    d.hasImportErrors ? 'has import errors' : undefined,
  ];
  return `- ${oneLine(d.dagId, 250)}: ${facts.filter(Boolean).join('; ')}`;
}

async function failingDags(client: AirflowClient, filter: DagFilter): Promise<Dag[]> {
  if (client.features.lastRunStateFilter) return client.listAllDags({ ...filter, lastRunState: 'failed' });
  const failing: Dag[] = [];
  for (let offset = 0; offset < FAILING_SCAN_MAX; offset += 100) {
    const page = await client.listDags(filter, { offset, limit: 100 });
    const runs = await latestRuns(client, page.items);
    failing.push(...page.items.filter((d) => runs.get(d.dagId)?.state === 'failed'));
    if (offset + page.items.length >= page.total || page.items.length === 0) break;
  }
  return failing;
}

interface DagInput extends ConnectionInput {
  dagId: string;
  includeSource?: boolean;
}

export const dagDetailsTool: AgentTool<DagInput> = {
  name: 'airflow_dagDetails',
  progress: (i) => `Reading DAG ${oneLine(i.dagId, 60)}`,
  async run(input, on) {
    const d = await on.client.dagDetails(input.dagId);
    const out = new ToolText();
    out.add(header(on));
    out.add(`DAG ${oneLine(d.dagId, 250)}${d.displayName !== d.dagId ? ` ("${oneLine(d.displayName, 100)}")` : ''}`);
    out.add(`- ${d.isPaused ? 'paused' : 'not paused'}${d.isActive ? '' : '; its file is gone from the server'}`);
    out.add(
      `- schedule: ${d.schedule ? oneLine(d.schedule, 100) : 'none'}${d.scheduleDescription ? ` (${oneLine(d.scheduleDescription, 100)})` : ''}`,
    );
    out.add(`- next run: ${when(d.nextRun)}; start date ${when(d.startDate)}; catchup ${String(d.catchup ?? '—')}`);
    out.add(
      `- owners: ${d.owners.map((o) => oneLine(o, 60)).join(', ') || '—'}; tags: ${d.tags.map((t) => oneLine(t, 60)).join(', ') || '—'}`,
    );
    out.add(`- file: ${d.fileLocation ? oneLine(d.fileLocation, 300) : '—'}; last parsed ${when(d.lastParsed)}`);
    if (d.description) out.add(dataBlock('Description', d.description.slice(0, 1000)));
    const params = Object.entries(d.params ?? {});
    out.add(
      params.length
        ? `${params.length} params (what a trigger's conf may set), each with its default and JSON Schema:`
        : 'No params.',
    );
    for (const [name, raw] of params) {
      const p = (raw && typeof raw === 'object' && 'schema' in raw ? raw : { value: raw }) as {
        value?: unknown;
        schema?: unknown;
        description?: unknown;
      };
      const about = typeof p.description === 'string' ? ` — ${oneLine(p.description, 200)}` : '';
      out.add(
        `- ${oneLine(name, 100)}: default ${oneLine(JSON.stringify(p.value ?? null), 200)}; schema ${oneLine(JSON.stringify(p.schema ?? {}), 400)}${about}`,
      );
    }
    if (input.includeSource) {
      const source = await on.client.dagSource(d);
      if (!out.add(dataBlock(`Source of ${d.fileLocation ?? d.dagId}`, source)))
        out.add(
          `(The source, ${source.length} characters, is too long for this answer: the user can open it with "Airflow: Open DAG Source".)`,
          0,
        );
    }
    return out.end();
  },
};

export const importErrorsTool: AgentTool<ConnectionInput & { offset?: number }> = {
  name: 'airflow_importErrors',
  progress: () => 'Reading the import errors of the DAG files',
  async run(input, on) {
    const errors = await on.client.listImportErrors();
    const offset = Math.max(0, Math.floor(input.offset ?? 0));
    const out = new ToolText();
    out.add(header(on));
    out.add(errors.length ? `${errors.length} DAG files fail to import:` : 'No DAG file fails to import.');
    out.items(
      errors.slice(offset),
      (e) => dataBlock(`${oneLine(e.filename, 300)} (seen ${when(e.timestamp)})`, e.stackTrace.slice(-3000)),
      { offset, total: errors.length },
    );
    return out.end();
  },
};
