// Command palette (Ctrl+K): every action of the registry, filtered as you type.
import { isEnabled, searchActions, type Action, type ActionHost } from '../../model/actions.js';
import { shortcutLabel } from '../../model/shortcuts.js';
import { PickerOverlay } from './PickerOverlay.js';

export function CommandPalette(props: { host: ActionHost; isMac: boolean; onClose: () => void }) {
  return (
    <PickerOverlay<Action>
      testId="command-palette"
      inputTestId="command-input"
      itemTestId="command-item"
      placeholder="Type a command…"
      search={(query) => searchActions(query).filter((a) => isEnabled(a, props.host))}
      keyOf={(a) => a.id}
      render={(a) => (
        <>
          <span className="menu-name">{a.menu}:</span> {a.label}
          {a.shortcuts?.[0] ? <kbd>{shortcutLabel(a.shortcuts[0], props.isMac)}</kbd> : null}
        </>
      )}
      onPick={(a) => a.run(props.host)}
      onClose={props.onClose}
    />
  );
}
