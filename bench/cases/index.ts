/** Every case of `npm run bench`, in the order a full run times them; the sweeps only with `--only` (optIn). */
import type { Case } from '../harness.js';
import { ensembleCase } from './ensemble.js';
import { modelCase } from './model.js';
import { schellingCase } from './schelling.js';
import { sweepCase } from './sweep.js';

export const CASES: Case[] = [
  schellingCase('small'),
  schellingCase('large'),
  modelCase('model-10k', 10_000, 9),
  modelCase('model-100k', 100_000, 3),
  modelCase('model-1m', 1_000_000, 1),
  ensembleCase,
  sweepCase(100),
  sweepCase(1000),
];
