// Stand-in for `got` while Electronegativity runs: the scanner would otherwise try to download
// translations and Electron release lists at every run (seconds of timeouts without network,
// and a scan result that depends on the internet). It fails at once, which the scanner handles.
module.exports = function offlineGot() {
  return Promise.reject(new Error('network access is disabled during the Electronegativity scan'));
};
