/** QueryService: lists and runs the named queries of queries/*.sql. A run is an export: it is audited. */
import type * as grpc from '@grpc/grpc-js';
import type { ListQueriesRequest__Output } from '../../proto/gen/telsentry/v1/ListQueriesRequest.js';
import type { ListQueriesResponse } from '../../proto/gen/telsentry/v1/ListQueriesResponse.js';
import type { RunQueryRequest__Output } from '../../proto/gen/telsentry/v1/RunQueryRequest.js';
import type { RunQueryResponse } from '../../proto/gen/telsentry/v1/RunQueryResponse.js';
import { unary, type ApiDeps } from '../context.js';
import { bindParameters, DEFAULT_MAX_ROWS, findQuery, MAX_ROWS, queriesForRole, queryValueOf } from '../namedQueries.js';
import { PERSON_KINDS, requireCaseReference } from '../policy.js';
import { invalid } from '../status.js';

export function queryHandlers(deps: ApiDeps): grpc.UntypedServiceImplementation {
  return {
    ListQueries: unary<ListQueriesRequest__Output, ListQueriesResponse>(deps, 'QueryService.ListQueries', async (_request, context) => ({
      queries: queriesForRole(context.principal).map((file) => ({
        name: file.name,
        description: file.description,
        parameters: file.params.map((param) => ({
          name: param.name, type: `PARAMETER_TYPE_${param.type.toUpperCase()}` as never, optional: param.optional, description: param.description,
        })),
      })),
    })),

    RunQuery: unary<RunQueryRequest__Output, RunQueryResponse>(deps, 'QueryService.RunQuery', async (request, context) => {
      const file = findQuery(request.name, context.principal);
      const maxRows = request.max_rows === 0 ? DEFAULT_MAX_ROWS : request.max_rows;
      if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > MAX_ROWS) {
        throw invalid(`max_rows must be in [1, ${MAX_ROWS}] or 0 for the default ${DEFAULT_MAX_ROWS} (got ${request.max_rows})`);
      }
      const params = bindParameters(file, request.parameters ?? {}, context.principal);
      requireCaseReference(context.principal, request.case_reference, `query ${file.name}`);
      const personParam = file.params.find((param) => PERSON_KINDS.has(param.name) && params[param.name] !== null);
      await deps.audit.append({
        principal: context.principal.name, role: context.principal.role, action: context.method,
        subjectKind: personParam?.name ?? '', subjectValue: personParam === undefined ? '' : String(params[personParam.name]),
        caseReference: request.case_reference,
        detail: { query: file.name, parameters: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === null ? null : String(v)])), max_rows: maxRows },
      });
      // maxRows + 1 tells whether the result was cut
      const bodySql = file.sql.replace(/;\s*$/, '');
      const table = await deps.store.connections.readTable(`SELECT * FROM (\n${bodySql}\n) AS named_query LIMIT ${maxRows + 1}`, params, { deadlineMs: context.deadlineMs });
      const rows = table.rows.slice(0, maxRows);
      return {
        columns: table.columns,
        rows: rows.map((row) => ({ values: row.map((cell, column) => queryValueOf(cell, table.typeIds[column]!)) })),
        truncated: table.rows.length > maxRows,
      };
    }),
  };
}
