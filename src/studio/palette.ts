/**
 * Colours of the Schelling groups, shared by the report's grid chart and the studio's canvas:
 * the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), chosen to stay apart for
 * the common colour-vision deficiencies: blue, orange, bluish green, reddish purple. Empty cells
 * are a very light grey. Plain data, no imports: the browser bundle and Node both read it.
 */
export const GROUP_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7'] as const;
export const EMPTY_COLOR = '#f0f0f0';
