// Preload entry (bundled to app/dist/preload.cjs; runs sandboxed with context isolation).
// The only preload file that imports electron at run time.

import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../shared/ipc-contract.js';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer));
