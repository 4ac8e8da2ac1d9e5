/** Numbered diagnostics with their titles and fixes, as the inspector and the summary list them. */
import { ERRORS } from '../../shared/errors.js';
import type { Diagnostic } from '../../shared/shape/types.js';

export function DiagnosticList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  return (
    <ul className="diag-list">
      {diagnostics.map((d, i) => (
        <li key={i} className={`diag diag-${d.severity}`}>
          <strong>
            {d.code} {ERRORS[d.code].title}
          </strong>
          : {d.message}
          <div className="diag-fix">Fix: {ERRORS[d.code].fix}</div>
        </li>
      ))}
    </ul>
  );
}
