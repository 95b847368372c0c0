// Numbers on a first screen without building an Intl.NumberFormat (issue 17: each one costs a few
// milliseconds of main thread on a slow phone, and a lesson's first render asked for several).

/**
 * An integer from 0 to 999 as every language shipped here writes it (no group separator, no
 * decimals, Latin digits), or null for any other number. Checked against Intl in numbers.test.ts.
 */
export function plainInteger(n: unknown): string | null {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0) ? String(n) : null;
}

/** A formatter that builds its Intl.NumberFormat the first time a number needs one (not 0–999). */
export function lazyNumberFormat(make: () => Intl.NumberFormat): Pick<Intl.NumberFormat, 'format'> {
  let real: Intl.NumberFormat | undefined;
  return {
    format: (n: number | bigint) => {
      const plain = plainInteger(n);
      if (plain !== null) return plain;
      return (real ??= make()).format(n);
    },
  };
}
