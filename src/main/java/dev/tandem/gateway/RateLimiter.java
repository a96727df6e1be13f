package dev.tandem.gateway;

/** A token bucket: {@code perSecond} steady rate, bursts up to {@code burst}. Not thread-safe. */
final class RateLimiter {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    RateLimiter(int perSecond, long burst) {
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.last = System.nanoTime();
    }

    /** Takes a token; returns 0 if granted, else the milliseconds until one is available. */
    long tryAcquire() {
        if (perNano <= 0) {
            return 0; // unlimited
        }
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e6));
    }
}
