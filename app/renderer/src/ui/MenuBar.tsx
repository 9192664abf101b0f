// Menus built from the action registry (same labels and shortcuts as the palette and the keys).
import { useState } from 'react';
import { ACTIONS, isEnabled, MENUS, type ActionHost, type MenuName } from '../../model/actions.js';
import { shortcutLabel } from '../../model/shortcuts.js';

export function MenuBar(props: { host: ActionHost; isMac: boolean }) {
  const [open, setOpen] = useState<MenuName | undefined>();
  return (
    <div className="menubar" data-testid="menubar" onMouseLeave={() => setOpen(undefined)}>
      {MENUS.map((m) => (
        <div key={m} className="menu">
          <button type="button" data-testid={`menu-${m}`} onClick={() => setOpen(open === m ? undefined : m)}>
            {m}
          </button>
          {open === m ? (
            <ul className="menu-items" role="menu">
              {ACTIONS.filter((a) => a.menu === m).map((a) => (
                <li key={a.id}>
                  <button
                    type="button"
                    role="menuitem"
                    data-testid={`action-${a.id}`}
                    disabled={!isEnabled(a, props.host)}
                    onClick={() => {
                      setOpen(undefined);
                      a.run(props.host);
                    }}
                  >
                    <span>{a.label}</span>
                    {a.shortcuts?.[0] ? <kbd>{shortcutLabel(a.shortcuts[0], props.isMac)}</kbd> : null}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </div>
  );
}
