// An HTTP proxy in front of a real Airflow that counts requests per "METHOD /path", so a suite can count what a feature asks.
import * as http from 'http';
import type { AddressInfo } from 'net';

export class CountingProxy {
  private server: http.Server | undefined;
  private readonly counts = new Map<string, number>();
  /** "METHOD url" (query included) of every request since the last reset. */
  private readonly urls: string[] = [];

  constructor(private readonly target: URL) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async open(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const key = `${req.method} ${path}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      this.urls.push(`${req.method} ${decodeURIComponent(req.url ?? '/')}`);
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
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
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
    return this.urls.filter((u) => {
      const [m, url] = u.split(' ');
      const [p, q = ''] = url.split('?');
      return p.endsWith(suffix) && q.includes(needle) && (!method || m === method);
    }).length;
  }

  /** "METHOD url" of the requests whose URL holds `needle`, for failure messages. */
  naming(needle: string): string[] {
    return this.urls.filter((u) => u.includes(needle));
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
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
