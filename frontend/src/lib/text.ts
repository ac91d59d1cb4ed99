/** Characters as the server counts them (Unicode code points, so an emoji is one). */
export function countChars(text: string): number {
  return [...text].length;
}
