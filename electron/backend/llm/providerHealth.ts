import type { FatalCode } from './providerErrors';

const CONNECTION_FAILURES_TO_TRIP = 6;
const BAD_REQUESTS_TO_TRIP = 5;
const GRACE_AFTER_SUCCESS_MS = 30_000;

/**
 * The job-wide circuit breaker. A fatal answer (401, 403, unknown model, no quota)
 * trips it at once. A server that cannot be reached trips it after a run of
 * connection failures with no success for a while, and a run of 400s on different
 * segments means the configuration is wrong, not the segments. Once tripped, no
 * worker sends another request.
 */
export class ProviderHealth {
  fatal: { code: FatalCode; message: string } | null = null;
  private connectionFailures = 0;
  private badRequests = 0;
  private lastSuccessAt: number | null = null;

  constructor(
    private readonly onTrip: (code: FatalCode, message: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  trip(code: FatalCode, message: string): void {
    if (this.fatal) return;
    this.fatal = { code, message };
    this.onTrip(code, message);
  }

  onSuccess(): void {
    this.connectionFailures = 0;
    this.badRequests = 0;
    this.lastSuccessAt = this.now();
  }

  onConnectionFailure(message: string): void {
    this.connectionFailures++;
    const quiet = this.lastSuccessAt === null || this.now() - this.lastSuccessAt > GRACE_AFTER_SUCCESS_MS;
    if (this.connectionFailures >= CONNECTION_FAILURES_TO_TRIP && quiet) this.trip('unreachable', message);
  }

  onBadRequest(message: string): void {
    if (++this.badRequests >= BAD_REQUESTS_TO_TRIP)
      this.trip('bad_request', `every request is refused: ${message}`);
  }
}
