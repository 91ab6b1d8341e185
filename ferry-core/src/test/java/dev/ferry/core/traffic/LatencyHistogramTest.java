package dev.ferry.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucketsGrowByTenPercentAndAPercentileIsNeverBelowTheTrueValue() {
        assertThat(LatencyHistogram.bucket(0)).isZero();
        assertThat(LatencyHistogram.bucket(1)).isZero();
        assertThat(LatencyHistogram.bucket(60_000)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        assertThat(LatencyHistogram.bucket(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        for (long ms : new long[] {2, 7, 50, 333, 500, 812, 4000, 57_000}) {
            long reported = LatencyHistogram.upperBound(LatencyHistogram.bucket(ms));
            assertThat(reported).as("%d ms", ms).isBetween(ms, (long) Math.ceil(ms * 1.1));
        }
    }

    @Test
    void growsItsCountsOnlyToTheHighestBucketUsedAndAddsUp() {
        LatencyHistogram fast = new LatencyHistogram();
        for (int i = 0; i < 99; i++) {
            fast.add(3);
        }
        LatencyHistogram slow = new LatencyHistogram();
        slow.add(65_000);

        fast.addAll(slow);

        assertThat(fast.total()).isEqualTo(100);
        assertThat(fast.percentile(0.5)).isEqualTo(3);
        assertThat(fast.percentile(1.0)).as("the open bucket reports the largest seen").isEqualTo(65_000);
        assertThat(new LatencyHistogram().percentile(0.95)).isEqualTo(-1);
    }
}
