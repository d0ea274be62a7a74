// The accuracy/cost frontier under a budget (no anchor in the paper, which ignores inference cost):
// nets grown under multiply-accumulate budgets and one parameter budget, against from-scratch
// nets of the same cost.
import { networkCost } from '../../../shared/config/budget.ts';
import { derive, fromScratch } from '../derive.ts';
import { laptopBase } from '../scale.ts';
import type { Study } from '../study.ts';
import { fixedVariant, meanStd, pairedDifferences, parsedBase, testAccs } from './common.ts';
import { SCRATCH_EPOCHS, sweepLabel } from './scratch.ts';

const base = laptopBase('fashion-mnist');
const parsed = parsedBase(base);
/** Every sub-module of this family costs the same MACs, so d-d-d from scratch is the net a MAC budget of its cost buys. */
const UNIFORM = [2, 3, 4];
const macBudget = (depth: number): number => networkCost(parsed, [depth, depth, depth]).multiplyAccumulates;
const PARAMETER_BUDGET = 12_000;
/** The deepest uniform net within the parameter budget: 2-2-2 (11.3 k). */
const PARAMETER_UNIFORM = 2;
const macLabel = (depth: number): string => `grown, MACs <= ${(macBudget(depth) / 1e6).toFixed(2)} M (cost of ${depth}-${depth}-${depth})`;
const parameterLabel = `grown, parameters <= ${PARAMETER_BUDGET / 1000} k`;

export const budgetStudy: Study = {
  name: 'budget',
  title: 'Growth under a cost budget: accuracy against multiply-accumulates',
  base,
  claim: 'Not in the paper (it ran without inference cost). A stage whose next sub-module would break the budget leaves the circle; ' +
    'the question is whether growing to a budget beats training a hand-picked net of the same cost from scratch.',
  variants: [
    ...UNIFORM.map((depth) => fixedVariant(macLabel(depth), 'grown under a MAC budget', derive(base, { budget: { multiplyAccumulates: macBudget(depth) } }))),
    fixedVariant(parameterLabel, 'grown under a parameter budget', derive(base, { budget: { parameters: PARAMETER_BUDGET } })),
    // The same runs as the scratch study's sweep: equal configs are trained once.
    ...UNIFORM.map((depth) => fixedVariant(sweepLabel(depth), 'from scratch d-d-d', fromScratch(base, [depth, depth, depth], SCRATCH_EPOCHS))),
  ],
  plot: { x: 'multiplyAccumulates', rules: UNIFORM.map((depth) => ({ x: macBudget(depth), label: `budget ${depth}-${depth}-${depth}` })) },
  findings(results) {
    return [
      ...UNIFORM.map((depth) => `MAC budget of ${depth}-${depth}-${depth}: grown ${meanStd(testAccs(results, macLabel(depth)))}, ` +
        `${depth}-${depth}-${depth} from scratch ${meanStd(testAccs(results, sweepLabel(depth)))} (grown minus scratch by seed ${meanStd(pairedDifferences(results, macLabel(depth), sweepLabel(depth)))}).`),
      `Parameter budget ${PARAMETER_BUDGET / 1000} k: grown ${meanStd(testAccs(results, parameterLabel))}, ${PARAMETER_UNIFORM}-${PARAMETER_UNIFORM}-${PARAMETER_UNIFORM} from scratch ` +
        `${meanStd(testAccs(results, sweepLabel(PARAMETER_UNIFORM)))}.`,
      `From-scratch nets train ${SCRATCH_EPOCHS} epochs (the most a grown run can take); grown runs take what their stop policy gives.`,
    ];
  },
};
