/** Plain-text layout shared by the command line's help and the charts' titles. */

/** Greedy line breaking: the words, in order, on lines of at most `width` characters (a longer word gets a line of its own). */
export function greedyLines(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
