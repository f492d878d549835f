package io.twinboard.bench.broker;

/**
 * MQTT 3.1.1 topic filter matching (OASIS MQTT 3.1.1 §4.7): {@code +} matches exactly one level,
 * a trailing {@code #} matches the parent level and any number of child levels, and a filter
 * starting with a wildcard never matches a topic starting with {@code $} (§4.7.2).
 */
public final class TopicFilter {
    private TopicFilter() {
    }

    /** Whether {@code topic} (a topic name, no wildcards) matches {@code filter}. */
    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return i == f.length - 1;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
