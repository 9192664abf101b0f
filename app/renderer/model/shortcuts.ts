// Keyboard shortcuts as text ("Mod+Shift+Z"): one notation for the registry, the menus (which
// show them) and the key handler (which matches them). Mod is Cmd on macOS, Ctrl elsewhere.

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Parsed {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

function parse(shortcut: string): Parsed {
  const parts = shortcut.split('+');
  const key = parts.pop()!;
  return { key: key.toLowerCase(), mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt') };
}

export function matchShortcut(e: KeyInput, shortcut: string, isMac: boolean): boolean {
  const s = parse(shortcut);
  const mod = isMac ? e.metaKey : e.ctrlKey;
  const other = isMac ? e.ctrlKey : e.metaKey;
  if (other || mod !== s.mod || e.altKey !== s.alt) return false;
  if (e.key.toLowerCase() !== s.key) return false;
  // A symbol key ("=", "-") may need Shift on some layouts: Shift only counts for letters,
  // digits and named keys.
  const symbol = s.key.length === 1 && !/[a-z0-9]/.test(s.key);
  return symbol || e.shiftKey === s.shift;
}

/** How a shortcut is shown in a menu: "Ctrl+Shift+Z" or "⌘⇧Z". */
export function shortcutLabel(shortcut: string, isMac: boolean): string {
  if (!isMac) return shortcut.replace('Mod', 'Ctrl');
  return shortcut
    .replace('Mod+', '⌘')
    .replace('Shift+', '⇧')
    .replace('Alt+', '⌥');
}

/**
 * The native menu's accelerator for an action: its first shortcut with Mod, in Electron's
 * notation ("Mod+Shift+G" -> "CmdOrCtrl+Shift+G"). Plain-key shortcuts ("f", "Delete") are never
 * menu accelerators: a native accelerator fires even while the user types in a text field.
 */
export function menuAccelerator(shortcuts: readonly string[] | undefined): string | undefined {
  const withMod = shortcuts?.find((s) => s.split('+').includes('Mod'));
  return withMod?.replace('Mod', 'CmdOrCtrl');
}
