// Loaded into the fleet by soak.sh (LD_PRELOAD): every HEAPWATCH_INTERVAL seconds, appends glibc's heap
// figures (mallinfo2, all arenas) to HEAPWATCH_FILE, so that a growing RSS can be told apart: bytes in use
// by the program (its data grows) or bytes the allocator holds free (fragmentation, arenas).
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void *watch(void *arg) {
    (void)arg;
    const char *path = getenv("HEAPWATCH_FILE");
    const char *every = getenv("HEAPWATCH_INTERVAL");
    int interval = every ? atoi(every) : 10;
    if (!path) return NULL;
    struct timespec start; clock_gettime(CLOCK_MONOTONIC, &start);
    FILE *out = fopen(path, "w");
    if (!out) return NULL;
    fprintf(out, "elapsed_s,arena_kib,in_use_kib,free_kib,mmap_kib,keepcost_kib\n");
    fflush(out);
    for (;;) {
        sleep(interval);
        struct mallinfo2 m = mallinfo2();
        struct timespec now; clock_gettime(CLOCK_MONOTONIC, &now);
        fprintf(out, "%ld,%zu,%zu,%zu,%zu,%zu\n", (long)(now.tv_sec - start.tv_sec), m.arena / 1024,
                m.uordblks / 1024, m.fordblks / 1024, m.hblkhd / 1024, m.keepcost / 1024);
        fflush(out);
    }
    return NULL;
}

__attribute__((constructor)) static void start_watch(void) {
    if (!getenv("HEAPWATCH_FILE")) return;
    pthread_t thread;
    pthread_create(&thread, NULL, watch, NULL);
    pthread_detach(thread);
}
