/** One field of the inspector form, generated from a ParamSpec and validated as the user types. */
import { useId, useState } from 'react';
import type { ParamSpec } from '../../shared/layers/types.js';
import { describeRange, formatParam, parseParam, sameValue } from './parseParam.js';
import { Options } from '../app/Options.js';

interface Props {
  spec: ParamSpec;
  value: unknown;
  onChange(value: unknown): void;
}

export function ParamField({ spec, value, onChange }: Props) {
  const id = useId();
  const docId = `${id}-doc`;
  const errId = `${id}-err`;
  const [draft, setDraft] = useState(() => formatParam(spec, value));
  const [seen, setSeen] = useState(value);
  const [error, setError] = useState<string | null>(null);

  // An outside change (undo, paste, another field) replaces the draft unless it already says the same.
  if (!sameValue(seen, value)) {
    setSeen(value);
    const parsed = parseParam(spec, draft);
    if (!parsed.ok || !sameValue(parsed.value, value)) {
      setDraft(formatParam(spec, value));
      setError(null);
    }
  }

  const doc = (
    <p id={docId} className="field-doc">
      {spec.doc} <span className="field-range">({describeRange(spec)})</span>
    </p>
  );

  if (spec.type === 'bool') {
    return (
      <div className="field field-bool">
        <label>
          <input
            type="checkbox"
            checked={value === true}
            aria-describedby={docId}
            onChange={(e) => onChange(e.target.checked)}
          />
          {spec.label}
        </label>
        {doc}
      </div>
    );
  }

  if (spec.type === 'enum') {
    return (
      <div className="field">
        <label htmlFor={id}>{spec.label}</label>
        <select id={id} value={String(value)} aria-describedby={docId} onChange={(e) => onChange(e.target.value)}>
          <Options values={spec.choices} />
        </select>
        {doc}
      </div>
    );
  }

  const type = spec.type;
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        type="text"
        inputMode={type === 'int' ? 'numeric' : type === 'float' ? 'decimal' : 'text'}
        spellCheck={false}
        autoComplete="off"
        value={draft}
        aria-invalid={error !== null}
        aria-describedby={error ? `${errId} ${docId}` : docId}
        onChange={(e) => {
          setDraft(e.target.value);
          const parsed = parseParam(spec, e.target.value);
          if (parsed.ok) {
            setError(null);
            if (!sameValue(parsed.value, value)) onChange(parsed.value);
          } else setError(parsed.message);
        }}
        onBlur={() => {
          // Leaving a field with an invalid draft shows the value in force again.
          if (error !== null) {
            setDraft(formatParam(spec, value));
            setError(null);
          }
        }}
      />
      {error && (
        <p id={errId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {doc}
    </div>
  );
}
