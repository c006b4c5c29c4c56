// What the main-process bundles load from node_modules at run time instead of bundling:
// native addons load from node_modules; electron is provided by the runtime. tfjs too: the
// WebAssembly backend finds its .wasm files beside its own code, and the job worker (also started
// for k-means threads) loads tfjs only when a segmentation trains or assigns. exceljs likewise
// loads only for an .xlsx file. The reports' renderers (src/main/domain/reports) load @napi-rs/canvas (a
// native addon), jspdf (its Node build requires html2canvas, canvg and dompurify for features we do
// not use) and the DejaVu TTFs (read with fs) from node_modules too. The benchmarks' bundles use it.
export const externals = ['electron', 'better-sqlite3', '@tensorflow/*', 'exceljs', '@napi-rs/canvas', 'jspdf', 'dejavu-fonts-ttf'];
