// The `?` overlay: every keyboard shortcut of the action registry, plus the mouse gestures that
// have no menu entry. Built from the registry, so it cannot drift from the keys that work.
import { useEffect, useRef } from 'react';
import { ACTIONS, MENUS } from '../../model/actions.js';
import { shortcutLabel } from '../../model/shortcuts.js';

const GESTURES: readonly [string, string][] = [
  ['Connect two stickies', 'drag from the right handle to another sticky'],
  ['Rename a sticky in place', 'double-click its name'],
  ['Rename a bounded context', 'double-click the frame title'],
  ['Select several stickies', 'Shift-drag a box, or Ctrl/Cmd/Shift-click'],
  ['Select an arrow', 'click it (then Delete disconnects it)'],
  ['Add a sticky where you want it', 'drag it from the palette onto a frame'],
  ['Pan / zoom', 'drag the empty board / wheel or pinch'],
];

export function ShortcutsOverlay(props: { isMac: boolean; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="overlay" onMouseDown={props.onClose} onKeyDown={(e) => (e.key === 'Escape' || e.key === '?') && props.onClose()}>
      <div className="dialog wide" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcuts-overlay" onMouseDown={(e) => e.stopPropagation()}>
        <h3>Keyboard shortcuts</h3>
        <table className="shortcuts-table">
          <tbody>
            {MENUS.flatMap((menu) =>
              ACTIONS.filter((a) => a.menu === menu && (a.shortcuts?.length ?? 0) > 0).map((a) => (
                <tr key={a.id} data-testid="shortcut-row">
                  <td>
                    <span className="menu-name">{menu}:</span> {a.label}
                  </td>
                  <td>
                    {a.shortcuts!.map((s) => (
                      <kbd key={s}>{shortcutLabel(s, props.isMac)}</kbd>
                    ))}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
        <h3>Mouse</h3>
        <table className="shortcuts-table">
          <tbody>
            {GESTURES.map(([what, how]) => (
              <tr key={what}>
                <td>{what}</td>
                <td>{how}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="buttons">
          <button ref={close} type="button" onClick={props.onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
