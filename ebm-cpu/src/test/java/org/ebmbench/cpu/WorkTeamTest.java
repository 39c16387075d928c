package org.ebmbench.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The engine's threads run every task of a job exactly once, whoever submits it. */
class WorkTeamTest {
  private final WorkTeam team = new WorkTeam(3);

  @Test
  void everyTaskRunsOnceInEveryJob() {
    for (int job = 0; job < 2000; job++) {
      int count = 1 + job % 37;
      AtomicIntegerArray runs = new AtomicIntegerArray(count);
      team.run(count, runs::incrementAndGet);
      for (int t = 0; t < count; t++) {
        assertThat(runs.get(t)).as("job %d task %d", job, t).isEqualTo(1);
      }
    }
  }

  @Test
  void aFailingTaskFailsTheJobAfterTheOthersFinish() {
    AtomicInteger finished = new AtomicInteger();
    assertThatThrownBy(
            () ->
                team.run(
                    64,
                    t -> {
                      if (t == 5) {
                        throw new IllegalStateException("task 5 failed");
                      }
                      finished.incrementAndGet();
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("task 5 failed");
    assertThat(finished.get()).isEqualTo(63);
    // The team still works afterwards.
    AtomicInteger after = new AtomicInteger();
    team.run(8, t -> after.incrementAndGet());
    assertThat(after.get()).isEqualTo(8);
  }

  @Test
  void aJobSubmittedFromATaskRunsOnItsCaller() {
    AtomicInteger inner = new AtomicInteger();
    team.run(4, t -> team.run(5, u -> inner.incrementAndGet()));
    assertThat(inner.get()).isEqualTo(20);
  }

  @Test
  void concurrentCallersEachGetTheirWholeJob() {
    AtomicInteger[] totals = {new AtomicInteger(), new AtomicInteger()};
    CompletableFuture<?>[] callers = new CompletableFuture<?>[2];
    for (int c = 0; c < 2; c++) {
      AtomicInteger total = totals[c];
      callers[c] =
          CompletableFuture.runAsync(
              () -> {
                for (int job = 0; job < 500; job++) {
                  team.run(16, t -> total.incrementAndGet());
                }
              });
    }
    CompletableFuture.allOf(callers).join();
    assertThat(totals[0].get()).isEqualTo(500 * 16);
    assertThat(totals[1].get()).isEqualTo(500 * 16);
  }

  @Test
  void workersThatEndedWhenIdleAreReplaced() throws InterruptedException {
    AtomicInteger total = new AtomicInteger();
    team.run(16, t -> total.incrementAndGet());
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(WorkTeam.KEEP_ALIVE_NANOS) + 300);
    team.run(16, t -> total.incrementAndGet());
    assertThat(total.get()).isEqualTo(32);
  }

  @Test
  void rejectsFewerThanTwoThreads() {
    assertThatThrownBy(() -> new WorkTeam(1)).hasMessageContaining("got 1");
  }
}
