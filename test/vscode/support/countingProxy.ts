// An HTTP proxy in front of a real Airflow that counts requests per "METHOD /path", so a suite can count what a feature asks.
import * as http from 'http';
import type { AddressInfo } from 'net';

export class CountingProxy {
  private server: http.Server | undefined;
  private readonly counts = new Map<string, number>();
  /** "METHOD url" (query included) of every request since the last reset. */
  private readonly urls: string[] = [];
  /** What became of each of `urls`: its status once delivered to the client, or why not. */
  private readonly outcomes: string[] = [];

  constructor(private readonly target: URL) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async open(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const key = `${req.method} ${path}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      const i = this.urls.push(`${req.method} ${decodeURIComponent(req.url ?? '/')}`) - 1;
      this.outcomes[i] = 'no answer yet';
      let status = 0;
      res.on('finish', () => (this.outcomes[i] = `delivered ${status}`));
      res.on('close', () => {
        if (!res.writableFinished) this.outcomes[i] = status ? `cut off after ${status}` : 'client gave up';
      });
      // A connection of its own each time: a kept-alive one the server has just closed would fail
      // the request and make the client send it again, a second request the suite would count.
      const upstream = http.request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: this.target.host },
          agent: false,
        },
        (up) => {
          status = up.statusCode ?? 502;
          res.writeHead(status, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        this.outcomes[i] = `upstream failed (${(err as NodeJS.ErrnoException).code ?? err.message})`;
        res.destroy();
      });
      req.pipe(upstream);
    });
    // Longer than any pause in a suite, so the client never reuses a connection being closed here.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
  }

  /** Requests whose path ends with `suffix` (any method unless given), since the last reset. */
  count(suffix: string, method?: string): number {
    let n = 0;
    for (const [key, c] of this.counts) {
      const [m, p] = key.split(' ');
      if (p.endsWith(suffix) && (!method || m === method)) n += c;
    }
    return n;
  }

  /** Requests whose path ends with `suffix` and whose query holds `needle` (e.g. the DAG id a lookup names). */
  countNaming(suffix: string, needle: string, method?: string): number {
    return this.urls.filter((u) => naming(u, suffix, needle, method)).length;
  }

  /**
   * Like `countNaming`, counting only the requests whose answer reached the client: an attempt the
   * server or the network dropped (which the client then sends again, as it should) is left out.
   */
  countDeliveredNaming(suffix: string, needle: string, method?: string): number {
    return this.urls.filter((u, i) => naming(u, suffix, needle, method) && this.outcomes[i].startsWith('delivered'))
      .length;
  }

  /** "METHOD url → outcome" of the requests whose URL holds `needle`, for failure messages. */
  naming(needle: string): string[] {
    return this.urls.flatMap((u, i) => (u.includes(needle) ? [`${u} → ${this.outcomes[i]}`] : []));
  }

  /** Requests whose path matches `re`. */
  matching(re: RegExp): number {
    let n = 0;
    for (const [key, c] of this.counts) if (re.test(key.split(' ')[1])) n += c;
    return n;
  }

  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  reset(): void {
    this.counts.clear();
    this.urls.length = 0;
    this.outcomes.length = 0;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** "METHOD url" is a request to a path ending with `suffix` whose query holds `needle` (and of `method`, if given). */
function naming(request: string, suffix: string, needle: string, method?: string): boolean {
  const [m, url] = request.split(' ');
  const [p, q = ''] = url.split('?');
  return p.endsWith(suffix) && q.includes(needle) && (!method || m === method);
}
