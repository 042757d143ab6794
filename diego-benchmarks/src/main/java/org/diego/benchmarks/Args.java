package org.diego.benchmarks;

import java.util.List;

/** A cell driver's arguments: {@code name=value} in any order, or bare values in the documented order. */
final class Args {
    private final String[] args;
    private final List<String> names;

    Args(String[] args, String... names) {
        this.args = args;
        this.names = List.of(names);
    }

    String get(String name, String dflt) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown argument " + name);
        }
        return args.length > i && !args[i].contains("=") ? args[i] : dflt;
    }

    int getInt(String name, int dflt) {
        return Integer.parseInt(get(name, Integer.toString(dflt)));
    }
}
