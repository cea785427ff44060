/** USD per one million tokens, for prompt and completion tokens separately. */
export interface ModelPrice {
  prompt: number;
  completion: number;
}
