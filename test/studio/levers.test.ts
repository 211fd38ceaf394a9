/**
 * The estate mode's own check of the levers as typed (studio/levers.ts leverProblem): a size or
 * year left empty is refused (never run with the schema's default, which the user did not ask
 * for), a value outside the schema's limits is refused, and the message is in the page's
 * language, naming the lever, the field (as labelled and as the file names it), the value and
 * what is allowed.
 */
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/scenario/policies.js';
import { leverProblem, newLever, runFieldProblem } from '../../src/studio/levers.js';

const row = (policy: Record<string, unknown>, on = true) => ({ policy: policy as unknown as Policy, on });

describe('leverProblem', () => {
  it('passes the levers as the page adds them', () => {
    expect(leverProblem([row(newLever('largerFlats', 2027)), row(newLever('divideEstate', 2030))], 2026, 2041, 'en')).toBeUndefined();
  });

  it("adds a renovation whose works end, as the shipped example's (else its disruption lasts the run)", () => {
    expect(newLever('renovation', 2027)).toEqual({ lever: 'renovation', from: 2027, until: 2029, attachment: 0.85 });
    expect(newLever('extension', 2027)).not.toHaveProperty('until');
  });

  it('refuses a size left empty, in English and in Danish, naming what is missing', () => {
    const levers = [row(newLever('extension', 2027)), row({ lever: 'largerFlats', from: 2027 })];
    expect(leverProblem(levers, 2026, 2041, 'en')).toBe(
      'Lever 2 (Larger flats): "large flats made" (policies[1].count) is empty or not a number; enter a whole number from 1 to 100000.',
    );
    expect(leverProblem(levers, 2026, 2041, 'da')).toBe(
      'Tiltag 2 (Større boliger): "store boliger i alt" (policies[1].count) er tomt eller ikke et tal; skriv et helt tal fra 1 til 100000.',
    );
  });

  it('refuses a size outside the limits and a first year outside the run, with the value typed', () => {
    expect(leverProblem([row({ lever: 'largerFlats', from: 2027, count: 2.5 })], 2026, 2041, 'en')).toBe(
      'Lever 1 (Larger flats): "large flats made" (policies[0].count) is 2.5; allowed: a whole number from 1 to 100000.',
    );
    expect(leverProblem([row({ lever: 'internalList', from: 2027, share: 1.5 })], 2026, 2041, 'da')).toBe(
      'Tiltag 1 (Intern venteliste): "andel af ledige boliger tilbudt internt først" (policies[0].share) er 1,5; tilladt er et tal fra 0 til 1.',
    );
    expect(leverProblem([row({ lever: 'divideEstate', from: 1990 })], 2026, 2041, 'en')).toBe(
      'Lever 1 (Divide the estate): "from (January)" (policies[0].from) is 1990; allowed: a whole number from 2026 to 2041.',
    );
    expect(leverProblem([row({ lever: 'divideEstate' })], 2026, 2041, 'da')).toMatch(
      /^Tiltag 1 \(Opdeling af afdelingen\): "fra \(januar\)" \(policies\[0\]\.from\) er tomt/,
    );
    expect(leverProblem([row({ lever: 'divideEstate', from: 2030, until: 2030 })], 2026, 2041, 'en')).toBe(
      'Lever 1 (Divide the estate): "until (January)" (policies[0].until) is 2030; allowed: a whole number from 2031 to 2200.',
    );
  });

  it('leaves a lever switched off alone (it does not run), and names the field by its place among the levers switched on', () => {
    expect(leverProblem([row({ lever: 'largerFlats', from: 2027 }, false)], 2026, 2041, 'en')).toBeUndefined();
    expect(leverProblem([row({ lever: 'largerFlats', from: 2027 }, false), row({ lever: 'divideEstate' })], 2026, 2041, 'en')).toMatch(
      /^Lever 2 \(Divide the estate\): "from \(January\)" \(policies\[0\]\.from\) is empty/,
    );
  });
});

describe('runFieldProblem', () => {
  it('refuses the replications or the seed left empty or holding no number, naming the field and what is allowed', () => {
    expect(runFieldProblem('Replications', 'replications', '', false, 1, 200, 'en')).toBe(
      '"Replications" (replications) is empty or not a number; enter a whole number from 1 to 200.',
    );
    expect(runFieldProblem('Replications', 'replications', '  ', false, 1, 200, 'en')).toBeDefined();
    expect(runFieldProblem('Frø (seed)', 'seed', '', true, 0, 4294967295, 'da')).toBe(
      '"Frø (seed)" (seed) er tomt eller ikke et tal; skriv et helt tal fra 0 til 4294967295.',
    );
  });

  it('passes a number (one outside the limits is shown in the field as what runs, not refused)', () => {
    expect(runFieldProblem('Replications', 'replications', '10', false, 1, 200, 'en')).toBeUndefined();
    expect(runFieldProblem('Replications', 'replications', '0', false, 1, 200, 'en')).toBeUndefined();
    expect(runFieldProblem('Seed', 'seed', '-5', false, 0, 4294967295, 'en')).toBeUndefined();
  });
});
