// The DAGs each open document defines, parsed once per document version.
import type * as vscode from 'vscode';
import { findDagDefinitions, mightDefineDags, type DagDefinition } from './dagIds';

/** A document's DAG definitions, and whether Airflow would parse the file at all. */
export interface ParsedDocument {
  version: number;
  defs: DagDefinition[];
  candidate: boolean;
}

/** Parses a document again only when its version changed; forgotten when it closes. */
export class ParseCache {
  private readonly parsed = new Map<string, ParsedDocument>();

  /** The DAGs a document defines (cached per version), and whether Airflow would parse it at all. */
  definitions(doc: vscode.TextDocument): { defs: DagDefinition[]; candidate: boolean } {
    const key = doc.uri.toString();
    const hit = this.parsed.get(key);
    if (hit?.version === doc.version) return hit;
    const text = doc.getText();
    const candidate = mightDefineDags(text);
    const entry = { version: doc.version, defs: candidate ? findDagDefinitions(text) : [], candidate };
    this.parsed.set(key, entry);
    return entry;
  }

  forget(uri: vscode.Uri): void {
    this.parsed.delete(uri.toString());
  }
}
