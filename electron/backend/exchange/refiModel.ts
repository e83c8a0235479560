// A REFI-QDA project (Project.xsd) as far as Concord exchanges it: users, codes,
// variables, cases, text sources with their coded selections. GUIDs are canonical
// (lower case, no braces); positions count Unicode code points.

export interface RefiUser {
  guid: string;
  name: string;
}

export interface RefiCode {
  guid: string;
  name: string;
  color: string | null;
  description: string;
  children: RefiCode[];
}

export interface RefiVariable {
  guid: string;
  name: string;
  /** typeOfVariable: Text, Boolean, Integer, Float, Date, DateTime */
  type: string;
}

export interface RefiVariableValue {
  variableGuid: string;
  value: string;
}

export interface RefiCase {
  guid: string;
  name: string;
  values: RefiVariableValue[];
  sourceGuids: string[];
}

export interface RefiCoding {
  guid: string;
  codeGuid: string;
  userGuid: string | null;
  createdAt: string | null;
}

export interface RefiSelection {
  guid: string;
  start: number;
  end: number;
  userGuid: string | null;
  createdAt: string | null;
  codings: RefiCoding[];
}

export interface RefiTextSource {
  guid: string;
  name: string;
  /** the archive entry name after `internal://` (export: `<guid>.txt`), or null for PlainTextContent */
  internalPath: string | null;
  /** inline PlainTextContent, when the source has no file */
  inlineText: string | null;
  values: RefiVariableValue[];
  selections: RefiSelection[];
}

export interface RefiProject {
  name: string;
  origin: string | null;
  users: RefiUser[];
  codes: RefiCode[];
  variables: RefiVariable[];
  cases: RefiCase[];
  sources: RefiTextSource[];
  /** things read but not imported (other source types, whole-source codings, …) */
  warnings: string[];
}

export const REFI_PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
