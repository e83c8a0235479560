import type { compareMethods } from '../../../shared/contract/compare';
import type { HandlerMap } from '../rpc/handlers';
import { comparisonExcerpts } from './excerpts';
import { runComparison, runEachVsRest } from './runComparison';

/** Group comparison: read-only handlers over the open project. */
export const compareHandlers: HandlerMap<keyof typeof compareMethods> = {
  'compare.run': (params, { session }) => runComparison(session.requireProject().db, params),
  'compare.eachVsRest': (params, { session }) => runEachVsRest(session.requireProject().db, params),
  'compare.excerpts': (params, { session }) => comparisonExcerpts(session.requireProject().db, params),
};
