package dev.tandem.client.model;

/** Runs a task later on the thread that drives the model: a Vert.x timer, or a simulation's clock. */
@FunctionalInterface
public interface Scheduler {
    void schedule(long delayMs, Runnable task);
}
