// The canvas application: menus, palette, board, property panel, problems and generation.
// All edits go through session.apply (one pure applyChange underneath); every command of the UI
// comes from the action registry (model/actions.ts).

import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { actionForKey, isEnabled } from '../../model/actions.js';
import { autoLayout } from '../../model/auto-layout.js';
import type { Change } from '../../model/changes.js';
import { contextFileFor, freeContextName } from '../../model/contexts.js';
import { undoLabel, redoLabel } from '../../model/history.js';
import { linksTouching } from '../../model/links.js';
import { findContext, findElement, refOfNodeId, type ElementRef } from '../../model/refs.js';
import type { MenuCommand } from '../../../shared/ipc-contract.js';
import { runMenuCommand } from '../../model/menu-commands.js';
import { createActionHost, type BoardActions, type ClipboardItem } from '../../workspace/action-host.js';
import type { Session, SessionState } from '../../workspace/session.js';
import { Board } from './Board.js';
import { CommandPalette } from './CommandPalette.js';
import { ComparisonLegend } from './ComparisonLegend.js';
import { ConflictDialog, DeleteDialog, NameDialog, RecoveryDialog } from './Dialogs.js';
import { ShortcutsOverlay } from './ShortcutsOverlay.js';
import { downloadPng, downloadText } from './download.js';
import { GenerationPanel } from './GenerationPanel.js';
import { MenuBar } from './MenuBar.js';
import { Palette } from './Palette.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import { PropertyPanel } from './PropertyPanel.js';
import { SearchBox } from './SearchBox.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

type Overlay = 'palette' | 'search' | 'shortcuts' | 'compare' | { delete: ElementRef[] } | { naming: NameRequest } | undefined;

/** A bounded context to name: a new one, or an existing one to rename. */
type NameRequest = { mode: 'new' } | { mode: 'rename'; context: string };

export interface AppProps {
  session: Session;
  /** Native menu commands (Electron); each runs its action from the registry. */
  menuCommands?: (listener: (command: MenuCommand) => void) => () => void;
}

/** Where the pointer last went down: a notice shows next to the action that caused it. */
const lastPointer: { x: number; y: number } = { x: -1, y: -1 };
if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', (e) => Object.assign(lastPointer, { x: e.clientX, y: e.clientY }), true);
}

/** The bottom panel stays between a tab strip and most of the window. */
const clampBottom = (h: number) => Math.round(Math.max(60, Math.min(h, window.innerHeight - 160)));

/** How long an info notice ("Saved.") stays; refusals and errors stay until the next action. */
const INFO_TOAST_MS = 6000;

/** A notice as a toast near the last pointer position (bottom of the board for keyboard use). */
function Toast(props: { notice: NonNullable<SessionState['notice']>; onClose: () => void }) {
  const { notice, onClose } = props;
  useEffect(() => {
    if (notice.kind !== 'info') return;
    const t = setTimeout(onClose, INFO_TOAST_MS);
    return () => clearTimeout(t);
  }, [notice, onClose]);
  const at = useMemo(() => {
    const width = Math.min(440, window.innerWidth - 16);
    if (lastPointer.x < 0) return { left: (window.innerWidth - width) / 2, top: window.innerHeight - 260, width };
    return {
      left: Math.max(8, Math.min(lastPointer.x + 12, window.innerWidth - width - 8)),
      top: Math.max(44, Math.min(lastPointer.y + 18, window.innerHeight - 90)),
      width,
    };
    // Placed once per notice: it does not follow the pointer around.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [notice]);
  return (
    <div className={`notice toast ${notice.kind}`} data-testid="notice" data-kind={notice.kind} role="status" style={{ left: at.left, top: at.top, maxWidth: at.width }}>
      <span>{notice.text}</span>
      <button type="button" className="toast-close" data-testid="notice-close" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  );
}

export function App({ session, menuCommands }: AppProps) {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const comparing = useSyncExternalStore(session.comparison.subscribe, session.comparison.getState);
  const [compareError, setCompareError] = useState<string | undefined>();
  const flow = useReactFlow();
  const [selection, setSelection] = useState<string[]>([]);
  const [selectedEdge, setSelectedEdge] = useState<string | undefined>();
  const [overlay, setOverlay] = useState<Overlay>();
  const [tab, setTab] = useState<'problems' | 'generation'>('problems');
  const [bottomHeight, setBottomHeight] = useState(190);
  const { model } = state;

  useEffect(() => {
    window.__stormsmithFlow = flow;
  }, [flow]);

  // Drop the selection of stickies that no longer exist (undo of an add, reload from disk).
  useEffect(() => {
    setSelection((sel) => {
      const kept = sel.filter((id) => {
        const ref = refOfNodeId(id);
        return ref !== undefined && findElement(model, ref) !== undefined;
      });
      return kept.length === sel.length ? sel : kept;
    });
  }, [model]);

  const onSelection = useCallback((ids: string[], edge: string | undefined) => {
    setSelection((prev) => (prev.length === ids.length && prev.every((p, i) => p === ids[i]) ? prev : ids));
    setSelectedEdge(edge);
  }, []);

  const apply = useCallback((change: Change) => session.apply(change), [session]);

  const focusNode = useCallback(
    (id: string) => {
      const node = flow.getNode(id);
      setSelection([id]);
      if (node) {
        const w = node.width ?? 160;
        const h = node.height ?? 96;
        void flow.setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 0 });
      }
    },
    [flow],
  );

  const selectedRefs = useMemo(() => selection.map(refOfNodeId).filter((r): r is ElementRef => r !== undefined), [selection]);

  // The ports the registry's actions work through (workspace/action-host.ts): no DOM lookups.
  const boardRef = useRef<HTMLDivElement>(null);
  const nameField = useRef<HTMLElement | null>(null);
  const clipboard = useRef<{ items: ClipboardItem[] }>({ items: [] }).current;
  const host: BoardActions = useMemo(
    () =>
      createActionHost({
        session,
        selection,
        selectedEdge,
        select: setSelection,
        clearSelectedEdge: () => setSelectedEdge(undefined),
        clipboard,
        autoLayout,
        view: {
          center: () => {
            const rect = boardRef.current?.getBoundingClientRect();
            return flow.screenToFlowPosition({ x: (rect?.left ?? 0) + (rect?.width ?? 800) / 2, y: (rect?.top ?? 0) + (rect?.height ?? 600) / 2 });
          },
          fit: (maxZoom) => void flow.fitView({ duration: 0, ...(maxZoom === undefined ? {} : { maxZoom }) }),
          zoomIn: () => void flow.zoomIn({ duration: 0 }),
          zoomOut: () => void flow.zoomOut({ duration: 0 }),
          afterRender: (then) => requestAnimationFrame(then),
        },
        app: {
          open: (o) => {
            if (o === 'compare') setCompareError(undefined);
            setOverlay(o);
          },
          showTab: setTab,
          focusName: () => nameField.current?.focus(),
          downloadSvg: (name, svg) => downloadText(name, 'image/svg+xml', svg),
          downloadPng: (name, svg) => void downloadPng(name, svg),
        },
      }),
    // The state is read when an action runs; it is listed so menus re-render with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, comparing, selection, selectedEdge, session, flow, clipboard],
  );
  const addSticky = host.addStickyAt;

  // Native menu commands run the same registry actions, always with the newest host.
  const hostRef = useRef(host);
  hostRef.current = host;
  useEffect(() => menuCommands?.((command) => void runMenuCommand(command, hostRef.current)), [menuCommands]);

  // One key handler for every shortcut of the registry.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (overlay) return;
      const t = e.target as HTMLElement | null;
      const typing = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      const action = actionForKey(e, typing, isMac);
      if (!action || !isEnabled(action, host)) return;
      e.preventDefault();
      action.run(host);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [host, overlay]);

  const single = selectedRefs.length === 1 ? findElement(model, selectedRefs[0]!) : undefined;
  const singleCtx = single ? findContext(model, single.context) : undefined;
  const deleting = overlay && typeof overlay === 'object' && 'delete' in overlay ? overlay.delete : undefined;
  const naming = overlay && typeof overlay === 'object' && 'naming' in overlay ? overlay.naming : undefined;

  /** Create or rename a context from the name dialog; true when the board took it. */
  const submitContextName = (request: NameRequest, name: string): boolean => {
    if (request.mode === 'rename') return session.apply({ type: 'renameContext', from: request.context, to: name.trim() });
    const file = contextFileFor(model, name.trim(), session.knownFiles());
    if (!session.apply({ type: 'addContext', name: name.trim(), file })) return false;
    setSelection([]);
    // Look at the new (empty) frame: the next sticky lands in it.
    requestAnimationFrame(() => {
      const frame = flow.getNode(`frame/${name.trim()}`);
      if (frame) void flow.setCenter(frame.position.x + (frame.width ?? 300) / 2, frame.position.y + (frame.height ?? 200) / 2, { zoom: 1, duration: 0 });
    });
    return true;
  };
  const errors = state.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = state.diagnostics.filter((d) => d.severity === 'warning').length;

  if (state.status === 'loading') return <div className="splash">Opening model…</div>;

  return (
    <div className="app" data-testid="app" data-status={state.status} data-revision={state.revision} style={{ gridTemplateRows: `auto 1fr ${bottomHeight}px` }}>
      <header className="topbar">
        <strong className="brand">Stormsmith</strong>
        <MenuBar host={host} isMac={isMac} />
        <button type="button" data-testid="undo" disabled={!host.canUndo()} onClick={host.undo} title={undoLabel(state.history) ? `Undo ${undoLabel(state.history)}` : 'Nothing to undo'}>
          ↶ Undo
        </button>
        <button type="button" data-testid="redo" disabled={!host.canRedo()} onClick={host.redo} title={redoLabel(state.history) ? `Redo ${redoLabel(state.history)}` : 'Nothing to redo'}>
          ↷ Redo
        </button>
        <button type="button" data-testid="save" onClick={host.save} disabled={state.saving}>
          Save{state.dirty.size > 0 ? ' •' : ''}
        </button>
        <span className="workspace" data-testid="dirty-state" data-dirty={state.dirty.size > 0 ? 'yes' : 'no'}>
          {state.info?.name} {state.info?.readOnly ? '(read-only)' : ''} {state.dirty.size > 0 ? `— unsaved: ${[...state.dirty].join(', ')}` : '— saved'}
        </span>
      </header>
      {state.notice ? <Toast notice={state.notice} onClose={() => session.notify(undefined)} /> : null}
      <div className="main">
        <Palette onAdd={(k) => addSticky(k)} />
        <Board
          model={model}
          problems={state.problems}
          dirtyFiles={state.dirty}
          comparison={comparing.status === 'on' ? comparing.comparison : undefined}
          legend={comparing.status !== 'off' ? <ComparisonLegend state={comparing} dirty={state.dirty.size > 0} onLeave={host.leaveComparison} /> : null}
          selection={selection}
          selectedEdge={selectedEdge}
          revision={state.revision}
          onSelection={onSelection}
          containerRef={boardRef}
          apply={apply}
          onDropKind={(kind, at) => addSticky(kind, at)}
          onNewContext={host.newContext}
          onRenameContext={(context) => {
            session.notify(undefined);
            setOverlay({ naming: { mode: 'rename', context } });
          }}
        />
        <PropertyPanel element={single} ctx={singleCtx} count={selectedRefs.length} apply={apply} nameField={nameField} />
      </div>
      <footer className="bottom-panel">
        <div
          className="bottom-resizer"
          data-testid="bottom-resizer"
          title="Drag to resize the panel"
          onPointerDown={(e) => {
            const startY = e.clientY;
            const startH = bottomHeight;
            e.currentTarget.setPointerCapture(e.pointerId);
            const move = (m: PointerEvent) => setBottomHeight(clampBottom(startH + startY - m.clientY));
            const up = () => {
              window.removeEventListener('pointermove', move);
              window.removeEventListener('pointerup', up);
            };
            window.addEventListener('pointermove', move);
            window.addEventListener('pointerup', up);
          }}
        />
        <div className="tabs">
          <button type="button" className={tab === 'problems' ? 'active' : ''} data-testid="tab-problems" onClick={() => setTab('problems')}>
            Problems <span data-testid="problem-count">{errors} errors, {warnings} warnings</span>
          </button>
          <button type="button" className={tab === 'generation' ? 'active' : ''} data-testid="tab-generation" onClick={() => setTab('generation')}>
            Generation
          </button>
        </div>
        <div className="tab-body">
          {tab === 'problems' ? (
            <ProblemsPanel diagnostics={state.diagnostics} targets={state.diagnosticTargets} onFocus={focusNode} />
          ) : (
            <GenerationPanel modelName={state.info?.name} preview={state.generation} lastRun={state.lastRun} busy={state.generating} dirty={state.dirty.size > 0} onPreview={host.previewGeneration} onRun={host.runGeneration} />
          )}
        </div>
      </footer>
      {overlay === 'palette' ? <CommandPalette host={host} isMac={isMac} onClose={() => setOverlay(undefined)} /> : null}
      {overlay === 'shortcuts' ? <ShortcutsOverlay isMac={isMac} onClose={() => setOverlay(undefined)} /> : null}
      {overlay === 'search' ? <SearchBox model={model} onJump={focusNode} onClose={() => setOverlay(undefined)} /> : null}
      {deleting ? (
        <DeleteDialog
          refs={deleting}
          links={linksTouching(model, deleting)}
          onCancel={() => setOverlay(undefined)}
          onConfirm={() => {
            setOverlay(undefined);
            if (session.apply({ type: 'delete', refs: deleting })) setSelection([]);
          }}
        />
      ) : null}
      {naming ? (
        <NameDialog
          title={naming.mode === 'new' ? 'New bounded context' : `Rename ${naming.context}`}
          label="Context name (PascalCase, e.g. Sales)"
          initial={naming.mode === 'new' ? freeContextName(model) : naming.context}
          error={state.notice?.kind === 'refused' ? state.notice.text : undefined}
          onCancel={() => {
            session.notify(undefined);
            setOverlay(undefined);
          }}
          onSubmit={(name) => {
            if (submitContextName(naming, name)) setOverlay(undefined);
          }}
        />
      ) : null}
      {overlay === 'compare' ? (
        <NameDialog
          title="Compare with git revision"
          label="Branch, tag or commit (e.g. main, HEAD~1)"
          initial={comparing.ref ?? 'HEAD'}
          error={compareError}
          onCancel={() => setOverlay(undefined)}
          onSubmit={(ref) => {
            void session.comparison.open(ref).then((error) => {
              setCompareError(error);
              if (!error) setOverlay(undefined);
            });
          }}
        />
      ) : null}
      {state.conflict ? <ConflictDialog conflict={state.conflict} onKeepMine={() => session.keepMine()} onTakeTheirs={() => session.takeTheirs()} /> : null}
      {state.recoverable ? <RecoveryDialog paths={state.recoverable} onRestore={() => session.recover()} onDiscard={() => session.discardRecovery()} /> : null}
    </div>
  );
}
