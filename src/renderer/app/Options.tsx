import type { ReactNode } from 'react';

/** The <option>s of a <select> over a list of values; `label` says how each reads (the value itself unless given). */
export function Options<T extends string>({
  values,
  label = (v) => v,
}: {
  values: readonly T[];
  label?: (value: T) => ReactNode;
}) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </>
  );
}
