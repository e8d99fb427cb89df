// talisman ships no type declarations; these cover the two functions the linker uses.
declare module 'talisman/metrics/jaro-winkler.js' {
  /** Jaro-Winkler similarity in [0, 1]. */
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
declare module 'talisman/phonetics/double-metaphone.js' {
  /** Primary and secondary Double Metaphone codes. */
  const doubleMetaphone: (word: string) => [string, string];
  export default doubleMetaphone;
}
