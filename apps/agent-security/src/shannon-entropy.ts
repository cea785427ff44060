/**
 * Shannon entropy of `text` in bits per character. Random keys sit near the log2 of their alphabet
 * (about 6 for base64, 4 for hex); words and placeholders sit far lower (`changeme` is 2.75), which is what
 * lets a scanner tell `password = "hunter2hunter2"` from `password = "q8Zr1vN0x..."`.
 */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
