import { SHORTCUTS } from '../shortcuts.js';
import { useConsole } from '../store.js';
import { Modal } from './Modal.js';

export function HelpOverlay() {
  return (
    <Modal title="Keyboard shortcuts" onClose={() => useConsole.getState().openDialog(null)}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th>
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Shortcuts do nothing while you type in a field or while a dialog is open.</p>
      <p className="muted small">
        Lip-sync: open{' '}
        <a href="sync.html" target="_blank" rel="noopener">
          the sync pattern
        </a>{' '}
        (this core’s address + <code>/sync.html</code>) on a phone, hold it in front of the camera, then press
        Calibrate on the source.
      </p>
    </Modal>
  );
}
