/**
 * The Python the PyTorch backend runs, read-only: a page never types a program for Deepwire to run. The desktop
 * offers its native file dialog (through `settings.choosePython`); the web studio says where to set it instead.
 */
import { useId } from 'react';
import { useUi } from '../app/EditorContext.js';

export function PythonSetting({
  pythonPath,
  choose,
}: {
  pythonPath: string | null;
  choose: (useDefault: boolean) => void;
}) {
  const native = useUi((s) => s.nativeDialogs);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Python for PyTorch</label>
      <output id={id} className="mono" aria-label="Python for PyTorch">
        {pythonPath ?? 'default (DEEPWIRE_PYTHON, else python3 on PATH)'}
      </output>
      {native ? (
        <div className="button-row" style={{ justifyContent: 'flex-start' }}>
          <button type="button" onClick={() => choose(false)}>
            Choose Python…
          </button>
          {pythonPath && (
            <button type="button" onClick={() => choose(true)}>
              Use the default
            </button>
          )}
        </div>
      ) : (
        <p className="field-doc">
          Chosen in the desktop app (Settings → Choose Python…); for this studio set DEEPWIRE_PYTHON where `deepwire
          serve` starts. `deepwire doctor` shows which Python and torch it finds.
        </p>
      )}
    </div>
  );
}
