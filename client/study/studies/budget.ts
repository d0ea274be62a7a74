// The accuracy/cost frontier under a budget (no anchor in the paper, which ignores inference cost):
// growth that only the budget stops, at three parameter budgets and one multiply-accumulate
// budget, against the uniform net of the same cost trained from scratch as long as the grown run.
import { networkCost, type BudgetConfig } from '../../../shared/config/budget.ts';
import { derive, fromScratch } from '../derive.ts';
import { laptopBase } from '../scale.ts';
import type { Study, StudyResults, Variant } from '../study.ts';
import { fixedVariant, meanStd, pairedDifferences, parsedBase, testAccs } from './common.ts';

/**
 * The base with the stop policy off (tau 0: the moving maximum never gains less), K=2 and 24
 * growing epochs, so that the budget, not the policy, ends growth: under the base's policy growth
 * stops near 7 sub-modules, below all but the smallest budget.
 */
const base = derive(laptopBase('fashion-mnist'), { growth: { interval: 2, maxGrowingEpochs: 24 }, stop: { tau: 0 } });
const parsed = parsedBase(base);
const uniform = (depth: number): string => `${depth}-${depth}-${depth}`;
const cost = (depth: number) => networkCost(parsed, [depth, depth, depth]);

interface Budget {
  label: string;
  limit: Partial<BudgetConfig>;
  /** The deepest uniform net within the budget: the hand-picked net of the same cost. */
  depth: number;
}

/** Budgets just above 2-2-2, 3-3-3 and 4-4-4 in parameters (11.3 k, 17.5 k, 23.6 k), and exactly 3-3-3 in MACs. */
const BUDGETS: Budget[] = [
  ...[[12_000, 2], [18_000, 3], [24_000, 4]].map(([parameters, depth]) => ({ label: `grown, parameters <= ${parameters! / 1000} k`, limit: { parameters }, depth: depth! })),
  { label: `grown, MACs <= ${(cost(3).multiplyAccumulates / 1e6).toFixed(2)} M (cost of 3-3-3)`, limit: { multiplyAccumulates: cost(3).multiplyAccumulates }, depth: 3 },
];
const scratchLabel = (budget: Budget): string => `${uniform(budget.depth)} from scratch, as long as "${budget.label}"`;

/** The uniform net from scratch, for as many epochs as the grown run (same seed) took. */
function sameCost(budget: Budget): Variant {
  return {
    label: scratchLabel(budget), series: 'uniform net from scratch, same cost and epochs', needs: [budget.label],
    config: ({ seed, result }) => ({ ...fromScratch(base, [budget.depth, budget.depth, budget.depth], result(budget.label).epochs), seed }),
  };
}

/** Grown runs whose every stage left the circle at the budget, none by the growing cap or max depth. */
function stoppedAtBudget(results: StudyResults): number {
  return BUDGETS.flatMap((b) => results.get(b.label) ?? []).filter((r) => r.growth.filter((e) => e.type === 'budget').length === r.depths.length).length;
}

export const budgetStudy: Study = {
  name: 'budget',
  title: 'Growth under a cost budget: accuracy against parameters',
  base,
  claim: 'Not in the paper (it ran without inference cost). A stage whose next sub-module would break the budget leaves the circle; ' +
    'the question is whether growing up to a budget beats training a uniform net of the same cost from scratch.',
  variants: BUDGETS.flatMap((budget) => [
    fixedVariant(budget.label, budget.limit.parameters !== undefined ? 'grown under a parameter budget' : 'grown under a MAC budget', derive(base, { budget: budget.limit })),
    sameCost(budget),
  ]),
  plot: { x: 'parameters', rules: [12_000, 18_000, 24_000].map((limit) => ({ x: limit, label: `${limit / 1000} k` })) },
  findings(results) {
    return [
      ...BUDGETS.map((budget) => `${budget.label}: test accuracy ${meanStd(testAccs(results, budget.label))}, ${uniform(budget.depth)} from scratch ` +
        `${meanStd(testAccs(results, scratchLabel(budget)))}; grown minus scratch by seed ${meanStd(pairedDifferences(results, budget.label, scratchLabel(budget)))} points.`),
      `${stoppedAtBudget(results)} of ${BUDGETS.reduce((n, b) => n + (results.get(b.label)?.length ?? 0), 0)} grown runs ended with every stage out of the circle at the budget. ` +
        'Each from-scratch net trains as many epochs as the grown run of its seed (growing and fine-tune), all in the staircase schedule.',
    ];
  },
};
