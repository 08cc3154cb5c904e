// Keeps the active profile's connection state fresh (status bar, profile switcher).
import * as vscode from 'vscode';
import { checkConnection, nextDelayMs, type ConnectionState } from './connectionState';
import type { ClientFactory } from './clientFactory';
import type { ProfileEntry } from '../profiles/profile';
import type { ProfileStore } from '../profiles/profileStore';

/**
 * Keeps the active profile's connection state. Checks on start, on switch and on demand, then
 * every `airflow.healthCheckIntervalSeconds` while the window has focus and something of ours is
 * visible, backing off while unreachable. Never two checks at once.
 */
export class HealthMonitor implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChange = this.changed.event;
  private current: ConnectionState = { kind: 'noProfile' };
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<ConnectionState> | undefined;
  /** The entry the check under way is for: a new object once the profile's settings change. */
  private inFlightEntry: ProfileEntry | undefined;
  private failures = 0;
  private visible = false;
  /** A check that was under way at dispose must not start the timer again when it ends. */
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Last known state per profile id, for the profile switcher. */
  readonly lastKnown = new Map<string, ConnectionState>();

  constructor(
    private readonly store: ProfileStore,
    private readonly clients: ClientFactory,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeWindowState((s) => (s.focused ? this.schedule(0) : this.cancelTimer())),
      store.onDidChange(() => void this.checkNow()),
    );
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    for (const d of this.disposables) d.dispose();
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Something of ours (the explorer) became visible or hidden. */
  setVisible(visible: boolean): void {
    const was = this.visible;
    this.visible = visible;
    if (visible && !was) void this.checkNow();
    if (!visible) this.cancelTimer();
  }

  /** Checks now (sharing a check already under way) and reschedules. */
  checkNow(): Promise<ConnectionState> {
    if (this.inFlight) {
      // A check of the profile we just switched away from, or of its settings before an edit
      // (another URL), must not stand in for the current one.
      if (this.inFlightEntry === this.store.active()) return this.inFlight;
      return this.inFlight.then(() => this.checkNow());
    }
    this.cancelTimer();
    const entry = this.store.active();
    if (!entry) {
      this.set({ kind: 'noProfile' });
      return Promise.resolve(this.current);
    }
    const name = entry.profile.name;
    this.inFlightEntry = entry;
    if (this.current.kind === 'noProfile' || ('profile' in this.current && this.current.profile !== name)) {
      this.set({ kind: 'connecting', profile: name });
    }
    this.inFlight = checkConnection(name, () => this.clients.client(entry))
      .then((state) => {
        // A switch while checking: the newer check decides.
        if (this.store.active()?.profile.id === entry.profile.id) {
          this.failures = state.kind === 'unreachable' ? this.failures + 1 : 0;
          this.set(state);
        }
        this.lastKnown.set(entry.profile.id, state);
        if (state.kind !== 'healthy' && state.kind !== 'degraded') this.clients.forget(entry.profile.id);
        return state;
      })
      .finally(() => {
        this.inFlight = undefined;
        this.schedule();
      });
    return this.inFlight;
  }

  private set(state: ConnectionState): void {
    this.current = state;
    this.changed.fire(state);
  }

  private schedule(delay?: number): void {
    this.cancelTimer();
    if (this.disposed || !this.visible || !vscode.window.state.focused || this.current.kind === 'noProfile') return;
    const intervalMs =
      Math.max(1, vscode.workspace.getConfiguration('airflow').get<number>('healthCheckIntervalSeconds', 60)) * 1000;
    this.timer = setTimeout(() => void this.checkNow(), delay ?? nextDelayMs(this.current, this.failures, intervalMs));
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
