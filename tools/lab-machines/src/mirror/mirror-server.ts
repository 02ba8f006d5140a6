import * as http from 'node:http';
import finalhandler from 'finalhandler';
import serveStatic from 'serve-static';

/** Serves the package mirror read-only over HTTP, for the VMs (containers bind-mount it instead). */
export function createMirrorServer(mirrorDir: string): http.Server {
  const serve = serveStatic(mirrorDir, { index: false, dotfiles: 'deny' });
  return http.createServer((request, response) => {
    serve(request, response, finalhandler(request, response));
  });
}
