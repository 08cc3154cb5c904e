// The part of VS Code's language-model tool API the tools use. `engines.vscode` admits 1.90, whose
// API (and @types/vscode) has no tools: they are read from the running VS Code, absent there.
import * as vscode from 'vscode';

export interface ToolInvocation<T> {
  input: T;
}

export interface PreparedInvocation {
  invocationMessage?: string;
  confirmationMessages?: { title: string; message: string };
}

export interface LanguageModelTool<T> {
  invoke(options: ToolInvocation<T>, token: vscode.CancellationToken): Promise<unknown>;
  prepareInvocation?(options: ToolInvocation<T>, token: vscode.CancellationToken): Promise<PreparedInvocation>;
}

export interface LmToolApi {
  registerTool<T>(name: string, tool: LanguageModelTool<T>): vscode.Disposable;
  /** A tool's answer: one text part. */
  result(text: string): unknown;
}

interface LmNamespace {
  registerTool?: <T>(name: string, tool: LanguageModelTool<T>) => vscode.Disposable;
}
type TextPart = new (value: string) => unknown;
type ToolResult = new (content: unknown[]) => unknown;

/** The tool API of this VS Code, or undefined where it has none (before 1.95). */
export function lmToolApi(api: object = vscode): LmToolApi | undefined {
  const v = api as { lm?: LmNamespace; LanguageModelTextPart?: TextPart; LanguageModelToolResult?: ToolResult };
  const register = v.lm?.registerTool;
  const Text = v.LanguageModelTextPart;
  const Result = v.LanguageModelToolResult;
  if (typeof register !== 'function' || !Text || !Result) return undefined;
  return {
    registerTool: (name, tool) => register.call(v.lm, name, tool),
    result: (text) => new Result([new Text(text)]),
  };
}
