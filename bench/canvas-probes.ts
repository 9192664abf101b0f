// What the canvas benches run inside the page: a paint probe and a programmatic pan. One copy for
// bench/canvas.ts, bench/canvas-timeline.ts and bench/edge-routes-browser.ts, so they count alike.

// Every time React Flow adds nodes, note when they are on screen (two frames later); the last
// such time, once the page settles, is "every node in view painted". Both pages count the same
// thing: React Flow node wrappers (a live collection: cheap to read).
export const PAINT_PROBE = `
  (() => {
    const nodes = document.getElementsByClassName('react-flow__node');
    let seen = 0;
    new MutationObserver(() => {
      if (nodes.length <= seen) return;
      seen = nodes.length;
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const t = performance.now();
        if (window.__painted === undefined) window.__painted = t;
        window.__paintedAll = t;
        window.__paintedCount = nodes.length;
      }));
    }).observe(document, { childList: true, subtree: true });
  })();
`;

/**
 * Programmatic pan for 2 s; frames counted with requestAnimationFrame. view: 'open' (after 500 ms at
 * the opening view), 'fit' (fit the board, then 500 ms), 'here' (at once); wobbleZoom zooms too.
 */
export const PAN = `async (view, wobbleZoom) => {
  const flow = window.__stormsmithFlow;
  // Not awaited: React Flow 12.12's fitView promise can stay pending on a board that is not re-rendered.
  if (view === 'fit') flow.fitView();
  if (view !== 'here') await new Promise((r) => setTimeout(r, 500));
  const start = flow.getViewport();
  let frames = 0;
  const t0 = performance.now();
  await new Promise((done) => {
    const step = (now) => {
      const t = (now - t0) / 1000;
      flow.setViewport({ x: start.x - 300 * Math.sin(t * 2), y: start.y - 150 * Math.sin(t * 3), zoom: wobbleZoom ? start.zoom * (1 + 0.1 * Math.sin(t * 4)) : start.zoom });
      frames++;
      if (now - t0 < 2000) requestAnimationFrame(step);
      else done();
    };
    requestAnimationFrame(step);
  });
  return frames / ((performance.now() - t0) / 1000);
}`;
