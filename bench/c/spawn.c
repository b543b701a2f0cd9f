/*
 * The process-per-call rows of bench/run.sh (7: the sectigo-sps CLI, 8: curl).
 *
 *   spawn COUNT EXPECT CMD [ARG...]   runs CMD COUNT times, one after the other; each must exit 0
 *                                     and, unless EXPECT is "-", print EXPECT (trailing
 *                                     whitespace ignored) on standard output
 *
 * Prints one JSON line: the wall time of each process from spawn to exit, in nanoseconds, and
 * the largest peak RSS (ru_maxrss from wait4, KiB) of any of them.
 *
 * Why C and not the Python driver: Linux folds the pre-exec image into a child's ru_maxrss
 * (posix_spawn/vfork from a 20 MiB Python would report 20 MiB for a 3 MiB curl). From this small
 * program the floor is about its own size, 1-2 MiB.
 */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    long count, i, max_rss = 0;
    long long *ns;
    const char *expect;
    if (argc < 4 || (count = strtol(argv[1], NULL, 10)) < 1) {
        fprintf(stderr, "usage: %s COUNT EXPECT|- CMD [ARG...]\n", argv[0]);
        return 2;
    }
    expect = strcmp(argv[2], "-") == 0 ? NULL : argv[2];
    ns = malloc((size_t)count * sizeof *ns);
    if (!ns) return 1;
    for (i = 0; i < count; i++) {
        int pipe_fds[2], status;
        char output[4096];
        size_t used = 0;
        ssize_t got;
        pid_t pid;
        struct rusage usage;
        posix_spawn_file_actions_t actions;
        long long start;
        if (pipe(pipe_fds) != 0) return 1;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
        posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
        start = now_ns();
        if (posix_spawnp(&pid, argv[3], &actions, NULL, argv + 3, environ) != 0) {
            perror(argv[3]);
            return 1;
        }
        close(pipe_fds[1]);
        while ((got = read(pipe_fds[0], output + used, sizeof output - 1 - used)) > 0) {
            used += (size_t)got;
            if (used == sizeof output - 1) break;
        }
        close(pipe_fds[0]);
        if (wait4(pid, &status, 0, &usage) != pid) return 1;
        ns[i] = now_ns() - start;
        posix_spawn_file_actions_destroy(&actions);
        output[used] = '\0';
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "spawn: %s: exit status %d: %s\n", argv[3],
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1, output);
            return 1;
        }
        while (used > 0 && strchr(" \t\r\n", output[used - 1])) output[--used] = '\0';
        if (expect && strcmp(output, expect) != 0) {
            fprintf(stderr, "spawn: %s printed \"%s\", not \"%s\"\n", argv[3], output, expect);
            return 1;
        }
        if (usage.ru_maxrss > max_rss) max_rss = usage.ru_maxrss;
    }
    printf("{\"ns\":[");
    for (i = 0; i < count; i++) printf(i ? ",%lld" : "%lld", ns[i]);
    printf("],\"peak_rss_kib\":%ld}\n", max_rss);
    free(ns);
    return 0;
}
