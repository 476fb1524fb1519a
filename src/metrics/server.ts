/**
 * The metrics endpoint: GET /metrics on metrics.listen (loopback by default), served by
 * the daemon. Nothing else is answered; the figures carry no report content, only
 * counts, ages, codes and milestone names. Input: HTTP requests from the scraper, only
 * the method and path read.
 */
import { createServer, type Server } from 'node:http';
import type { Logger } from '../log.js';
import { metricsRegistry, type MetricsSources } from './registry.js';

export async function startMetricsServer(listen: string, src: MetricsSources, log: Logger): Promise<Server> {
  const registry = metricsRegistry(src);
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(listen);
  if (!m) throw new Error(`metrics.listen: "${listen}" is not host:port`);
  const host = (m[1] as string).replace(/^\[|\]$/g, '');
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://x').pathname !== '/metrics') return void res.writeHead(404).end();
    registry
      .metrics()
      .then((text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text))
      .catch((e: unknown) => {
        log.error({ err: String(e) }, 'metrics: collecting failed');
        res.writeHead(500).end();
      });
  });
  await new Promise<void>((ok, no) => {
    server.once('error', no);
    server.listen(Number(m[2]), host, () => ok());
  });
  log.info({ listen }, 'metrics: listening');
  return server;
}
