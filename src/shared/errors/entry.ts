/** One numbered error: what went wrong, in a few words, and what the user does about it. */
export interface ErrorEntry {
  title: string;
  fix: string;
}
