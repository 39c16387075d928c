package org.ebmbench.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The CPU engine's threads: the calling thread plus {@code threads - 1} workers run the tasks of
 * one job at a time, each claiming the next unclaimed task from a shared counter.
 *
 * <p>Built for the engine's many small jobs (a 256 x 128 product takes tens of microseconds), where
 * a fork-join pool's hand-off (the caller parks, a parked worker is woken, the caller is woken
 * again) cost more than the work saved. Here the caller works too and never waits for a worker to
 * wake up: tasks a sleeping worker has not claimed, the caller runs itself, so a job costs at
 * worst what it costs on one thread plus a wake-up call. It waits only for tasks a worker has
 * already started. Idle workers spin for {@link #SPIN_NANOS} before they park, so the next job of
 * a sequence of operations finds them awake; workers start with the first job and end after
 * {@link #KEEP_ALIVE_NANOS} without one.
 *
 * <p>One job runs at a time: a job submitted while another runs (from another thread, or from
 * inside a task) runs on its caller alone. Which thread runs a task never changes what it
 * computes, so results do not depend on the thread count.
 */
final class WorkTeam {
  /**
   * How long an idle worker spins for the next job before it parks: longer than the gaps between
   * the operations of a training step (a few microseconds of single-threaded work), short enough
   * that an idle engine gives its cores back at once.
   */
  static final long SPIN_NANOS = 50_000;

  /**
   * A worker parked this long without a job ends; the next job starts a new one. Engines are
   * cheap to make (every test makes its own), so idle threads must not pile up.
   */
  static final long KEEP_ALIVE_NANOS = 1_000_000_000L;

  /** How long the caller spins for the tasks workers still run before it parks. */
  private static final long WAIT_SPIN_NANOS = 20_000;

  private final Worker[] workers;
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile Job current;

  /** @param threads the calling thread and its workers, at least 2 */
  WorkTeam(int threads) {
    if (threads < 2) {
      throw new IllegalArgumentException("a work team needs at least 2 threads, got " + threads);
    }
    workers = new Worker[threads - 1];
  }

  /**
   * Runs {@code task.accept(t)} for every {@code t} in {@code [0, count)}, on this thread and the
   * workers, and returns when all are done. The tasks must not depend on each other. An exception
   * from a task is rethrown here once every task has finished (the first one, if several fail).
   */
  void run(int count, IntConsumer task) {
    if (count < 2 || Thread.currentThread() instanceof Worker || !busy.compareAndSet(false, true)) {
      for (int t = 0; t < count; t++) {
        task.accept(t);
      }
      return;
    }
    Job job = new Job(task, count);
    try {
      current = job;
      wakeWorkers();
      job.work();
      job.awaitCompletion();
    } finally {
      current = null;
      busy.set(false);
    }
    job.rethrow();
  }

  /**
   * Unparks the parked workers and starts those not running (first job, or ended when idle). A
   * worker that ends just as a job is posted only leaves its tasks to the others.
   */
  private void wakeWorkers() {
    for (int i = 0; i < workers.length; i++) {
      Worker w = workers[i];
      if (w == null || w.ended) {
        workers[i] = new Worker(i + 1);
        workers[i].start();
      } else if (w.parked) {
        LockSupport.unpark(w);
      }
    }
  }

  /** One batch of tasks, claimed one at a time by whichever thread is free. */
  private static final class Job {
    final IntConsumer task;
    final int count;
    final Thread owner = Thread.currentThread();
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    volatile boolean ownerParked;
    volatile Throwable failure;

    Job(IntConsumer task, int count) {
      this.task = task;
      this.count = count;
    }

    /** Claims and runs tasks until none is left unclaimed. */
    void work() {
      for (int t = next.getAndIncrement(); t < count; t = next.getAndIncrement()) {
        try {
          task.accept(t);
        } catch (Throwable e) {
          if (failure == null) {
            failure = e;
          }
        }
        if (finished.incrementAndGet() == count && ownerParked) {
          LockSupport.unpark(owner);
        }
      }
    }

    /** Called by the owner once it finds nothing left to claim. */
    void awaitCompletion() {
      long spinUntil = System.nanoTime() + WAIT_SPIN_NANOS;
      while (finished.get() < count) {
        if (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
          continue;
        }
        ownerParked = true;
        if (finished.get() < count) {
          LockSupport.park(this);
        }
        ownerParked = false;
      }
    }

    void rethrow() {
      Throwable e = failure;
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      if (e instanceof Error) {
        throw (Error) e;
      }
      if (e != null) {
        throw new IllegalStateException("a CPU engine task failed: " + e, e);
      }
    }
  }

  /** A worker thread: joins each new job, spins briefly when idle, then parks; ends when idle. */
  private final class Worker extends Thread {
    volatile boolean parked;
    volatile boolean ended;

    Worker(int index) {
      super("ebm-cpu-worker-" + index);
      setDaemon(true);
    }

    @Override
    public void run() {
      Job done = null;
      for (Job job = awaitNewJob(done); job != null; job = awaitNewJob(done)) {
        job.work();
        done = job;
      }
      ended = true;
    }

    /** The next job after {@code done}, or null after {@link #KEEP_ALIVE_NANOS} without one. */
    private Job awaitNewJob(Job done) {
      long idleSince = System.nanoTime();
      while (true) {
        Job job = current;
        if (job != null && job != done) {
          return job;
        }
        long idle = System.nanoTime() - idleSince;
        if (idle < SPIN_NANOS) {
          Thread.onSpinWait();
          continue;
        }
        if (idle >= KEEP_ALIVE_NANOS) {
          return null;
        }
        parked = true;
        job = current;
        if (job == null || job == done) {
          LockSupport.parkNanos(WorkTeam.this, KEEP_ALIVE_NANOS - idle);
        }
        parked = false;
      }
    }
  }
}
