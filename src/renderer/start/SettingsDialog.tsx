/**
 * Settings through the contract: preferred backend, dataset cache, theme, autosave; with a reset. The Python
 * for PyTorch is shown read-only: only the desktop's native dialog may choose it (`settings.choosePython`).
 */
import { useEffect, useId, useState } from 'react';
import { THEMES, type Settings, type SettingsPatch } from '../../shared/api/settings.js';
import { BACKEND_PREFERENCES } from '../../shared/training/backend.js';
import { useEditor } from '../app/EditorContext.js';
import { dialogWhile, Modal } from './Modal.js';
import { PythonSetting } from './PythonSetting.js';
import { applyThemeSetting } from '../app/theme.js';
import { Options } from '../app/Options.js';

export const SettingsDialog = dialogWhile((s) => s.settingsDialog, SettingsBody);

function SettingsBody() {
  const { ctx } = useEditor();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = { backend: useId(), cache: useId(), theme: useId(), autosave: useId() };
  const close = () => ctx.ui.getState().setSettingsDialog(false);

  useEffect(() => {
    ctx.client
      ?.call('settings.get', {})
      .then(setSettings)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [ctx]);

  const apply = async (run: () => Promise<Settings | null | undefined> | undefined) => {
    try {
      const next = await run();
      if (!next) return;
      setSettings(next);
      setError(null);
      applyThemeSetting(ctx.ui, next.theme);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const change = (patch: SettingsPatch) => apply(() => ctx.client?.call('settings.set', patch));
  const choosePython = (useDefault: boolean) =>
    apply(() => ctx.client?.call('settings.choosePython', useDefault ? { useDefault } : {}));

  return (
    <Modal title="Settings" onClose={close}>
      {!settings && !error && <p className="muted">Loading…</p>}
      {settings && (
        <>
          <div className="field">
            <label htmlFor={id.backend}>Training backend</label>
            <select
              id={id.backend}
              value={settings.backend}
              onChange={(e) => void change({ backend: e.target.value as Settings['backend'] })}
            >
              <Options values={BACKEND_PREFERENCES} label={(b) => (b === 'auto' ? 'auto (fastest available)' : b)} />
            </select>
            <p className="field-doc">
              A forced backend that is missing on this machine fails with DW503; `deepwire doctor` lists what is
              available.
            </p>
          </div>
          <PythonSetting pythonPath={settings.pythonPath} choose={choosePython} />
          <div className="field">
            <label htmlFor={id.theme}>Theme</label>
            <select
              id={id.theme}
              value={settings.theme}
              onChange={(e) => void change({ theme: e.target.value as Settings['theme'] })}
            >
              <Options values={THEMES} />
            </select>
          </div>
          <div className="field">
            <label htmlFor={id.autosave}>Autosave every (seconds, 0 = off)</label>
            <input
              id={id.autosave}
              type="number"
              min={0}
              max={3600}
              defaultValue={settings.autosaveSeconds}
              onBlur={(e) => {
                const v = Number(e.target.value);
                if (Number.isInteger(v) && v >= 0 && v <= 3600) void change({ autosaveSeconds: v });
                else setError('Autosave must be a whole number of seconds from 0 to 3600.');
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={id.cache}>Dataset cache folder (empty = default)</label>
            <input
              id={id.cache}
              type="text"
              spellCheck={false}
              defaultValue={settings.datasetCacheDir ?? ''}
              onBlur={(e) =>
                void change({ datasetCacheDir: e.target.value.trim() === '' ? null : e.target.value.trim() })
              }
            />
          </div>
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void apply(() => ctx.client?.call('settings.reset', {}))}>
          Reset to defaults
        </button>
        <button type="button" className="primary" onClick={close}>
          Done
        </button>
      </div>
    </Modal>
  );
}
