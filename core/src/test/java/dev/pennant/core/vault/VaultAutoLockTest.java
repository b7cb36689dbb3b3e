package dev.pennant.core.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.pennant.core.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultAutoLockTest {
    @TempDir
    Path dir;

    @Test
    void locksTheVaultAfterIdleTime() throws Exception {
        Path file = TestVaults.sampleVault(dir);
        UnlockedVault v = VaultFile.unlock(file, TestVaults.pw(), TestVaults.options());
        CountDownLatch locked = new CountDownLatch(1);
        v.onLock(locked::countDown);
        try (AutoLock auto = AutoLock.start(v, Duration.ofMillis(150))) {
            assertThat(auto.idleTime()).isEqualTo(Duration.ofMillis(150));
            assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(v.isLocked()).isTrue();
    }

    @Test
    void activityPostponesTheLock() throws Exception {
        ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger locks = new AtomicInteger();
        // idle 2 s, touched every 100 ms: wide margins, so a slow or loaded machine cannot fire it early
        try (AutoLock auto = new AutoLock(locks::incrementAndGet, Duration.ofSeconds(2), ses)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                Thread.sleep(100);
                auto.touch();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("touched past the idle time").isGreaterThan(Duration.ofSeconds(2));
            assertThat(locks.get()).isZero();
            Await.until(() -> locks.get() == 1, Duration.ofSeconds(15), "the lock after 2 s idle");
            auto.touch(); // after firing the timer stays off until a new AutoLock is made
            Thread.sleep(2500);
            assertThat(locks.get()).isEqualTo(1);
        } finally {
            ses.shutdownNow();
        }
    }

    @Test
    void lockNowAndClose() {
        AtomicInteger locks = new AtomicInteger();
        AutoLock a = new AutoLock(locks::incrementAndGet, Duration.ofMinutes(10), null);
        a.lockNow();
        assertThat(locks.get()).isEqualTo(1);
        AutoLock b = new AutoLock(locks::incrementAndGet, Duration.ofMillis(50), null);
        b.close();
        assertThat(locks.get()).isEqualTo(1);
    }

    @Test
    void calibratorScalesIterationsToTheTarget() {
        KdfParams floor = new KdfParams(256, 1, 1);
        KdfParams p = KdfCalibrator.calibrate(Duration.ofMillis(40), 256, 1, floor);
        assertThat(p.memoryKiB()).isEqualTo(256);
        assertThat(p.iterations()).isBetween(1, 64);
        assertThat(p.weakerThan(floor)).isFalse();
        assertThat(KdfCalibrator.measure(new KdfParams(256, 2, 1))).isPositive();
    }
}
