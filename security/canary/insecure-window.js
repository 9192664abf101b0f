// CANARY — deliberately insecure, never loaded by the app. The Electronegativity gate scans this
// file and MUST report findings here; if it does not, the scanner is silently broken and the
// gate fails (test/electron/electronegativity-gate.test.ts).
const { BrowserWindow } = require('electron');

function createInsecureWindow() {
  const win = new BrowserWindow({
    webPreferences: {
      nodeIntegration: true,
      contextIsolation: false,
      webSecurity: false,
    },
  });
  win.loadURL('http://example.com/');
  return win;
}

module.exports = { createInsecureWindow };
