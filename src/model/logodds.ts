/**
 * The log-odds scale on which the model shifts shares (applicants' resource-strong odds, the image
 * target, anchoring's unknowns). `logit` keeps 0 and 1 finite (1e-9 from either end).
 */
export const logit = (p: number): number => Math.log(Math.max(1e-9, p) / Math.max(1e-9, 1 - p));
export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
