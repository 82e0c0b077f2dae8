// A static server for the intranet example pages, with nothing but node:http.
//
//   node examples/web/serve.mjs            # http://127.0.0.1:8080/
//   node examples/web/serve.mjs 0          # any free port; the URL is printed
//   PORT=9000 node examples/web/serve.mjs
//
// It serves only what the pages load, each URL prefix mapped to one folder of
// the repository (see `MOUNTS`), so the pages work offline with no build step
// and no CDN. Anything else is a 404.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const GOVUK_DIST = "node_modules/govuk-frontend/dist/govuk";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

// Tried in order, so the catch-all "/" comes last. `files` limits a mount to
// the files named, `extensions` to those types. GOV.UK Frontend's compiled CSS
// asks for its fonts and images at the absolute path /assets/, hence that mount.
const MOUNTS = [
  { prefix: "/spf/", dir: "wasm/pkg/web", files: ["spf.js", "spf_bg.wasm"] },
  { prefix: "/spf-form/", dir: "wasm/pkg/form", files: ["spf_form.js", "spf_form_bg.wasm"] },
  {
    prefix: "/govuk-frontend/",
    dir: GOVUK_DIST,
    files: ["govuk-frontend.min.css", "govuk-frontend.min.js"],
  },
  {
    prefix: "/assets/",
    dir: `${GOVUK_DIST}/assets`,
    extensions: [".woff", ".woff2", ".svg"],
  },
  { prefix: "/data/", dir: "examples/data", files: ["sites.json", "business-areas.json", "policy-hmpps-local.json"] },
  // The pages themselves, but not this server's own source.
  { prefix: "/", dir: "examples/web", extensions: [".html", ".css", ".mjs"], except: ["serve.mjs"] },
];

/**
 * The file a URL path names, or null when it names nothing the pages need.
 * Rejects `..`, backslashes and NUL before touching the disk, and resolves
 * symbolic links so that none can lead out of a mount.
 */
async function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path === "/") path = "/index.html";
  if (/[\\\0]/.test(path) || path.split("/").some((segment) => segment === "..")) return null;

  const mount = MOUNTS.find((m) => path.startsWith(m.prefix));
  if (!mount) return null;
  const relative = path.slice(mount.prefix.length);
  if (relative === "" || relative.endsWith("/")) return null;
  const base = relative.split("/").at(-1);
  if (mount.files && !mount.files.includes(relative)) return null;
  if (mount.extensions && !mount.extensions.includes(extname(base))) return null;
  if (mount.except?.includes(relative)) return null;
  if (!(extname(base) in CONTENT_TYPES)) return null;

  const root = resolve(REPO_ROOT, mount.dir);
  try {
    const realRoot = await realpath(root);
    const realFile = await realpath(join(root, relative));
    if (!realFile.startsWith(realRoot + sep)) return null;
    const info = await stat(realFile);
    return info.isFile() ? { path: realFile, size: info.size } : null;
  } catch {
    return null;
  }
}

async function handle(request, response) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
    response.end("method not allowed\n");
    return;
  }
  const { pathname } = new URL(request.url ?? "/", "http://localhost");
  const file = await fileFor(pathname);
  if (!file) {
    response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
    response.end("not found\n");
    return;
  }
  response.writeHead(200, {
    "Content-Type": CONTENT_TYPES[extname(file.path)],
    "Content-Length": file.size,
    // The WebAssembly package is rebuilt in place; never serve a stale copy.
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  createReadStream(file.path)
    .on("error", () => response.destroy())
    .pipe(response);
}

/**
 * Starts the server on 127.0.0.1. Port 0 picks any free port.
 * Resolves to the base URL (with a trailing slash) and a `close` function.
 */
export async function startServer({ port = 8080 } = {}) {
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(port, "127.0.0.1", resolveListen);
  });
  const { port: actualPort } = server.address();
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

/** The port named on the command line or in PORT, or null if it is not one. */
function portFromCommandLine() {
  const text = process.argv[2] ?? process.env.PORT ?? "8080";
  const port = Number(text);
  return Number.isInteger(port) && port >= 0 && port <= 65535 && text.trim() !== "" ? port : null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const port = portFromCommandLine();
  if (port === null) {
    console.error("usage: node examples/web/serve.mjs [PORT]   (or PORT=…; 0 picks any free port)");
    process.exit(2);
  }
  const { url } = await startServer({ port });
  console.log(`Serving the spf example pages at ${url}`);
}
