package com.flightbooking.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * CPU time, JIT compiler CPU time, time spent waiting for a core and resident memory of the system's processes, read
 * from {@code /proc} (Linux), grouped by the part of the system they are. CPU times are in clock ticks of 10 ms
 * ({@code USER_HZ} = 100 on Linux).
 *
 * @param threadWaits every sampled thread's time runnable but waiting for a core so far ({@code schedstat}), by thread id
 * @param nanos when the sample was taken ({@link System#nanoTime()}); in a {@link #since} delta, the time between
 * @param cpuPressureMicros the kernel's count of microseconds in which some runnable task waited for a core (PSI, {@code
 *        /proc/pressure/cpu}); in a delta, the increase; -1 where the kernel does not count it
 */
record ProcessSample(Map<String, Part> parts, Map<Long, ThreadTicks> splitThreads, String splitRest,
        Map<Long, ThreadWait> threadWaits, long nanos, long cpuPressureMicros) {

    private static final double SECONDS_PER_TICK = 0.01;

    /**
     * @param cpuWaitNanos in a {@link #since} delta, how long the part's threads were runnable and waited for a core in
     *        between (threads that ended meanwhile left no figure); 0 in a sample
     */
    record Part(long cpuTicks, long jitTicks, long rssKib, int processes, long cpuWaitNanos) {

        static final Part NONE = new Part(0, 0, 0, 0, 0);

        Part plus(Part other) {
            return new Part(cpuTicks + other.cpuTicks, jitTicks + other.jitTicks, rssKib + other.rssKib,
                    processes + other.processes, cpuWaitNanos + other.cpuWaitNanos);
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

    /** How long one thread has waited for a core so far, and the part it counts for. */
    record ThreadWait(String part, long nanos) {
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
        Map<Long, ThreadWait> threadWaits = new HashMap<>();
        for (Map.Entry<Long, Long> process : parents.entrySet()) {
            long pid = process.getKey();
            String root = rootOf(pid, parents, roots);
            if (root == null) {
                continue;
            }
            List<Task> threads = threadsOf(pid);
            if (split != null && split.pid() == pid) {
                Part whole = sample(pid, threads);
                if (whole != null) {
                    parts.merge(split.rest(), whole, Part::plus);
                    splitThreads.putAll(threadTicks(split, threads));
                    threadWaits.putAll(threadWaits(threads, name -> {
                        String part = split.partOfThread().apply(name);
                        return part != null ? part : split.rest();
                    }));
                }
                continue;
            }
            String byCommand = classifyByCommand.apply(command(pid));
            String part = byCommand != null ? byCommand : root;
            Part sample = sample(pid, threads);
            if (sample != null) {
                parts.merge(part, sample, Part::plus);
                threadWaits.putAll(threadWaits(threads, name -> part));
            }
        }
        return new ProcessSample(parts, splitThreads, split == null ? null : split.rest(), threadWaits,
                System.nanoTime(), readCpuPressureMicros());
    }

    /** The CPU time one process (all its threads) has used so far, in seconds. */
    static double cpuSeconds(long pid) {
        Part part = sample(pid, threadsOf(pid));
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
            Part then = before.parts.getOrDefault(name, Part.NONE);
            delta.put(name, new Part(now.cpuTicks - then.cpuTicks, now.jitTicks - then.jitTicks, now.rssKib,
                    now.processes, 0));
        });
        threadWaits.forEach((thread, now) -> {
            ThreadWait then = before.threadWaits.get(thread);
            // A figure lower than before is a thread id the kernel gave to a new thread since.
            long waited = then == null || now.nanos() < then.nanos() ? now.nanos() : now.nanos() - then.nanos();
            delta.merge(now.part(), new Part(0, 0, 0, 0, waited), Part::plus);
        });
        long claimed = 0;
        for (Map.Entry<Long, ThreadTicks> thread : splitThreads.entrySet()) {
            ThreadTicks now = thread.getValue();
            ThreadTicks then = before.splitThreads.get(thread.getKey());
            long used = now.ticks() - (then == null ? 0 : then.ticks());
            delta.merge(now.part(), new Part(used, 0, 0, 0, 0), Part::plus);
            claimed += used;
        }
        if (splitRest != null && delta.containsKey(splitRest)) {
            Part whole = delta.get(splitRest);
            delta.put(splitRest, new Part(whole.cpuTicks - claimed, whole.jitTicks, whole.rssKib, whole.processes,
                    whole.cpuWaitNanos));
        }
        long pressure = cpuPressureMicros < 0 || before.cpuPressureMicros < 0 ? -1
                : cpuPressureMicros - before.cpuPressureMicros;
        return new ProcessSample(delta, Map.of(), null, Map.of(), nanos - before.nanos, pressure);
    }

    double cpuSeconds(String part) {
        return parts.getOrDefault(part, Part.NONE).cpuTicks * SECONDS_PER_TICK;
    }

    /** In a delta: how long the part's threads waited for a core in between, in seconds. */
    double cpuWaitSeconds(String part) {
        return parts.getOrDefault(part, Part.NONE).cpuWaitNanos / 1e9;
    }

    /**
     * In a delta: the share of the time in between in which some runnable task on the machine waited for a core (any
     * process, the system's or not), or null where the kernel does not count it.
     */
    Double cpuPressure() {
        return cpuPressureMicros < 0 || nanos <= 0 ? null : cpuPressureMicros * 1000.0 / nanos;
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
            entry.put("cpuWaitMsPerBooking", bookings > 0 ? round(part.cpuWaitNanos / 1e6 / bookings) : null);
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

    private static Part sample(long pid, List<Task> threads) {
        String[] stat = stat(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return null;
        }
        long cpu = ticks(stat);
        long jit = 0;
        for (Task thread : threads) {
            // HotSpot names its JIT threads "C1 CompilerThre…" and "C2 CompilerThre…".
            if (thread.name().startsWith("C1 Compiler") || thread.name().startsWith("C2 Compiler")) {
                jit += thread.ticks();
            }
        }
        return new Part(cpu, jit, statusKib(pid).getOrDefault("VmRSS", 0L), 1, 0);
    }

    /**
     * The sizes {@code /proc/<pid>/status} gives in kB ({@code VmRSS}, {@code RssAnon}, ...), by field name; empty
     * once the process has ended.
     */
    static Map<String, Long> statusKib(long pid) {
        Map<String, Long> sizes = new HashMap<>();
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.endsWith(" kB")) {
                sizes.put(line.substring(0, colon), Long.parseLong(line.replaceAll("\\D", "")));
            }
        }
        return sizes;
    }

    private static Map<Long, ThreadWait> threadWaits(List<Task> threads, Function<String, String> partOfThread) {
        Map<Long, ThreadWait> waits = new HashMap<>();
        for (Task thread : threads) {
            waits.put(thread.id(), new ThreadWait(partOfThread.apply(thread.name()), thread.waitNanos()));
        }
        return waits;
    }

    /** The {@code total} of the {@code some} line of {@code /proc/pressure/cpu}, or -1 without PSI. */
    private static long readCpuPressureMicros() {
        for (String line : read(Path.of("/proc/pressure/cpu")).split("\n")) {
            int total = line.indexOf("total=");
            if (line.startsWith("some ") && total >= 0) {
                return Long.parseLong(line.substring(total + "total=".length()).trim());
            }
        }
        return -1;
    }

    /** The threads of {@code split}'s process that a part claims, by thread id. */
    private static Map<Long, ThreadTicks> threadTicks(ThreadSplit split, List<Task> threads) {
        Map<Long, ThreadTicks> claimed = new HashMap<>();
        for (Task thread : threads) {
            String part = split.partOfThread().apply(thread.name());
            if (part != null) {
                claimed.put(thread.id(), new ThreadTicks(part, thread.ticks()));
            }
        }
        return claimed;
    }

    /**
     * One thread as {@code /proc} shows it: its name ({@code comm}), its CPU so far, and its time runnable but not
     * running, waiting for a core (the second field of its {@code schedstat}, nanoseconds since it started).
     */
    private record Task(long id, String name, long ticks, long waitNanos) {
    }

    /** Every thread of the process, each read once; a thread that ends while it is read is left out. */
    private static List<Task> threadsOf(long pid) {
        List<Path> tasks;
        try (Stream<Path> listed = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks = listed.toList();
        } catch (IOException e) {
            return List.of();
        }
        List<Task> threads = new ArrayList<>();
        for (Path task : tasks) {
            String[] stat = stat(task.resolve("stat"));
            String[] schedstat = read(task.resolve("schedstat")).trim().split(" ");
            if (stat != null) {
                // A kernel without scheduler statistics has no schedstat: the thread's CPU still counts.
                long waitNanos = schedstat.length >= 2 ? Long.parseLong(schedstat[1]) : 0;
                threads.add(new Task(Long.parseLong(task.getFileName().toString()), read(task.resolve("comm")).trim(),
                        ticks(stat), waitNanos));
            }
        }
        return threads;
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
