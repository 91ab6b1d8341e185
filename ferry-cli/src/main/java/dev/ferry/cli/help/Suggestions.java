package dev.ferry.cli.help;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * "Did you mean" for a mistyped command: the names at the smallest edit distance, when it is small (a swap of
 * two neighbouring letters counts as one edit), else the names that start with what was typed; at most three.
 */
public final class Suggestions {

    private static final int MAX = 3;

    private Suggestions() {
    }

    /** The names of {@code known} closest to {@code typed}; else those that start with it. */
    public static List<String> closest(String typed, Collection<String> known) {
        int allowed = Math.max(1, typed.length() / 3);
        Map<String, Integer> distances = known.stream().collect(Collectors.toMap(n -> n, n -> distance(typed, n)));
        int best = distances.values().stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
        if (best <= allowed) {
            return known.stream().filter(n -> distances.get(n) == best).sorted().limit(MAX).toList();
        }
        return known.stream().filter(n -> typed.length() >= 3 && n.startsWith(typed))
                .sorted(Comparator.comparingInt(String::length).thenComparing(n -> n)).limit(MAX).toList();
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
