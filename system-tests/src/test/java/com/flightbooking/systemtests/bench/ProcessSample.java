package com.flightbooking.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * CPU time, JIT compiler CPU time and resident memory of the system's processes, read from {@code /proc} (Linux), grouped
 * by the part of the system they are. CPU times are in clock ticks of 10 ms ({@code USER_HZ} = 100 on Linux).
 */
record ProcessSample(Map<String, Part> parts, Map<Long, ThreadTicks> splitThreads, String splitRest) {

    private static final double SECONDS_PER_TICK = 0.01;

    record Part(long cpuTicks, long jitTicks, long rssKib, int processes) {

        Part plus(Part other) {
            return new Part(cpuTicks + other.cpuTicks, jitTicks + other.jitTicks, rssKib + other.rssKib,
                    processes + other.processes);
        }
    }

    /**
     * One process that hosts several parts, told apart by its threads' names: the benchmark's own JVM runs the load
     * generator next to the partner simulators and the mail server.
     *
     * @param partOfThread a thread's part by its name ({@code comm}, 15 characters at most), or null for {@code rest}
     * @param rest the part of every other thread (the JIT, the GC, …), of threads that have ended, and of the memory
     */
    record ThreadSplit(long pid, Function<String, String> partOfThread, String rest) {
    }

    /**
     * What a process runs as: its name ({@code comm}) and its command line ({@code cmdline}, which PostgreSQL
     * rewrites to say what each of its processes does, e.g. {@code postgres: postgres workers 127.0.0.1(43594) idle}).
     */
    record Command(String name, String line) {
    }

    /** The CPU one thread of a split process has used so far, and the part it counts for. */
    record ThreadTicks(String part, long ticks) {
    }

    /**
     * @param roots the processes to sample by part name; each root's descendants count with it unless they are roots
     *        themselves, and {@code classify} may give any of them a part of its own by what it runs (e.g.
     *        PostgreSQL's backends by the database they serve)
     */
    static ProcessSample take(Map<String, Long> roots, Function<Command, String> classifyByCommand) {
        return take(roots, classifyByCommand, null);
    }

    /** As {@link #take(Map, Function)}, with {@code split}'s process counted by its threads. */
    static ProcessSample take(Map<String, Long> roots, Function<Command, String> classifyByCommand, ThreadSplit split) {
        Map<Long, Long> parents = parents();
        Map<String, Part> parts = new LinkedHashMap<>();
        Map<Long, ThreadTicks> splitThreads = new HashMap<>();
        for (Map.Entry<Long, Long> process : parents.entrySet()) {
            long pid = process.getKey();
            String root = rootOf(pid, parents, roots);
            if (root == null) {
                continue;
            }
            if (split != null && split.pid() == pid) {
                Part whole = sample(pid);
                if (whole != null) {
                    parts.merge(split.rest(), whole, Part::plus);
                    splitThreads.putAll(threadTicks(split));
                }
                continue;
            }
            String byCommand = classifyByCommand.apply(command(pid));
            String part = byCommand != null ? byCommand : root;
            Part sample = sample(pid);
            if (sample != null) {
                parts.merge(part, sample, Part::plus);
            }
        }
        return new ProcessSample(parts, splitThreads, split == null ? null : split.rest());
    }

    /** The CPU time one process (all its threads) has used so far, in seconds. */
    static double cpuSeconds(long pid) {
        Part part = sample(pid);
        if (part == null) {
            throw new IllegalStateException("no process " + pid);
        }
        return part.cpuTicks() * SECONDS_PER_TICK;
    }

    /**
     * What happened between {@code before} and this sample: CPU deltas, the RSS of this sample. A split process's
     * threads count for their parts with what they used in between, and the rest of its CPU for its rest part: the
     * threads that ended meanwhile (their last figures are gone with them) and those no part claims.
     */
    ProcessSample since(ProcessSample before) {
        Map<String, Part> delta = new LinkedHashMap<>();
        parts.forEach((name, now) -> {
            Part then = before.parts.getOrDefault(name, new Part(0, 0, 0, 0));
            delta.put(name, new Part(now.cpuTicks - then.cpuTicks, now.jitTicks - then.jitTicks, now.rssKib,
                    now.processes));
        });
        long claimed = 0;
        for (Map.Entry<Long, ThreadTicks> thread : splitThreads.entrySet()) {
            ThreadTicks now = thread.getValue();
            ThreadTicks then = before.splitThreads.get(thread.getKey());
            long used = now.ticks() - (then == null ? 0 : then.ticks());
            delta.merge(now.part(), new Part(used, 0, 0, 0), Part::plus);
            claimed += used;
        }
        if (splitRest != null && delta.containsKey(splitRest)) {
            Part whole = delta.get(splitRest);
            delta.put(splitRest, new Part(whole.cpuTicks - claimed, whole.jitTicks, whole.rssKib, whole.processes));
        }
        return new ProcessSample(delta, Map.of(), null);
    }

    double cpuSeconds(String part) {
        return parts.getOrDefault(part, new Part(0, 0, 0, 0)).cpuTicks * SECONDS_PER_TICK;
    }

    double totalCpuSeconds() {
        return parts.values().stream().mapToLong(Part::cpuTicks).sum() * SECONDS_PER_TICK;
    }

    double jitCpuSeconds() {
        return parts.values().stream().mapToLong(Part::jitTicks).sum() * SECONDS_PER_TICK;
    }

    Map<String, Object> toJson(double bookings) {
        Map<String, Object> json = new LinkedHashMap<>();
        parts.forEach((name, part) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("processes", part.processes);
            entry.put("cpuSeconds", round(part.cpuTicks * SECONDS_PER_TICK));
            entry.put("cpuMsPerBooking", bookings > 0 ? round(part.cpuTicks * SECONDS_PER_TICK * 1000 / bookings) : null);
            entry.put("jitCpuSeconds", round(part.jitTicks * SECONDS_PER_TICK));
            entry.put("rssMiB", part.rssKib / 1024);
            json.put(name, entry);
        });
        return json;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String rootOf(long pid, Map<Long, Long> parents, Map<String, Long> roots) {
        for (long current = pid; current > 1; current = parents.getOrDefault(current, 0L)) {
            for (Map.Entry<String, Long> root : roots.entrySet()) {
                if (root.getValue() == current) {
                    return root.getKey();
                }
            }
        }
        return null;
    }

    private static Map<Long, Long> parents() {
        Map<Long, Long> parents = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        String[] stat = stat(Path.of("/proc", name, "stat"));
                        if (stat != null) {
                            parents.put(Long.parseLong(name), Long.parseLong(stat[1]));
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("this benchmark reads /proc (Linux only)", e);
        }
        return parents;
    }

    private static Part sample(long pid) {
        String[] stat = stat(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return null;
        }
        long cpu = ticks(stat);
        long jit = 0;
        for (Path task : tasks(pid)) {
            String name = read(task.resolve("comm")).trim();
            // HotSpot names its JIT threads "C1 CompilerThre…" and "C2 CompilerThre…".
            if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                String[] taskStat = stat(task.resolve("stat"));
                jit += taskStat == null ? 0 : ticks(taskStat);
            }
        }
        long rss = 0;
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new Part(cpu, jit, rss, 1);
    }

    /** The threads of {@code split}'s process that a part claims, by thread id. */
    private static Map<Long, ThreadTicks> threadTicks(ThreadSplit split) {
        Map<Long, ThreadTicks> threads = new HashMap<>();
        for (Path task : tasks(split.pid())) {
            String part = split.partOfThread().apply(read(task.resolve("comm")).trim());
            String[] stat = stat(task.resolve("stat"));
            if (part != null && stat != null) {
                threads.put(Long.parseLong(task.getFileName().toString()), new ThreadTicks(part, ticks(stat)));
            }
        }
        return threads;
    }

    private static List<Path> tasks(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Fields after the command (which may hold spaces): [0] state, [1] ppid, … [11] utime, [12] stime. */
    private static String[] stat(Path file) {
        String stat = read(file);
        int end = stat.lastIndexOf(')');
        return end < 0 ? null : stat.substring(end + 2).split(" ");
    }

    private static long ticks(String[] stat) {
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    }

    private static Command command(long pid) {
        return new Command(read(Path.of("/proc", Long.toString(pid), "comm")).trim(),
                read(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ').trim());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
