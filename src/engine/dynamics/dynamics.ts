/**
 * Dynamics 365 Marketing segment query text, both ways (DYNAMICS.md): `importDynamics` reads
 * pasted text into library segments against the catalog, `exportDynamics` writes a segment as
 * text or names the parts Dynamics cannot express. Pure: no DOM, no database.
 */
export { importDynamics, DEFAULT_IMPORT_NAME, type DynamicsImport } from './import-query';
export { exportDynamics, formatReason, dynamicsString, type DynamicsExport, type ExportReason } from './export-query';
export { parseQuery, formatProblem, type DynamicsProblem } from './parse-query';
export { linkName, relationshipName } from './dynamics-names';
