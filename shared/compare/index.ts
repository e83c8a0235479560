// Group-comparison statistics (DESIGN §1.8, §4 `stats compare`): pure, no I/O.
export { benjaminiHochberg } from './benjaminiHochberg';
export { pearsonChiSquare, type ChiSquareResult } from './chiSquare';
export {
  COMPARE_WARNINGS,
  compareCodes,
  type CodeComparison,
  type CodeComparisonReport,
  type CompareWarning,
} from './compareCodes';
export { findCountRowProblem, groupsInOrder, type CodeCountRow, type CountRowProblem } from './countRows';
export { expectedCounts, hasSmallExpectedCount, type ExpectedCounts } from './expectedCounts';
export { fisherExactTwoSided, type TwoByTwoTable } from './fisher';
export { hypergeometricLogDensity } from './hypergeometricLogDensity';
export { chiSquare1UpperTail, erfc, normalUpperTail, Z_95 } from './normalDistribution';
export { proportionDifference, wilsonInterval, type ProportionDifference } from './proportionDifference';
export { riskRatio, type RiskRatio } from './riskRatio';
export { toTwoByTwo, type Interval, type TwoGroupCounts } from './twoGroupCounts';
