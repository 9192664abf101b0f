// Command palette (Ctrl+K): every action of the registry, filtered as you type.
import { isEnabled, searchActions, whyDisabled, type Action, type ActionHost } from '../../model/actions.js';
import { shortcutLabel } from '../../model/shortcuts.js';
import { PickerOverlay } from './PickerOverlay.js';

export function CommandPalette(props: { host: ActionHost; isMac: boolean; onClose: () => void }) {
  return (
    <PickerOverlay<Action>
      testId="command-palette"
      inputTestId="command-input"
      itemTestId="command-item"
      placeholder="Type a command…"
      // Disabled actions stay listed, with why: that is how "connect" is discovered.
      search={(query) => searchActions(query)}
      isDisabled={(a) => !isEnabled(a, props.host)}
      keyOf={(a) => a.id}
      render={(a) => (
        <>
          <span className="menu-name">{a.menu}:</span> {a.label}
          {whyDisabled(a, props.host) ? (
            <span className="why-disabled" data-testid="command-disabled-reason">
              — {whyDisabled(a, props.host)}
            </span>
          ) : null}
          {a.shortcuts?.[0] ? <kbd>{shortcutLabel(a.shortcuts[0], props.isMac)}</kbd> : null}
        </>
      )}
      onPick={(a) => a.run(props.host)}
      onClose={props.onClose}
    />
  );
}
