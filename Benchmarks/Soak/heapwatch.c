// Loaded into the fleet by soak.sh (LD_PRELOAD): every HEAPWATCH_INTERVAL seconds, appends glibc's heap
// figures (mallinfo2, all arenas) to HEAPWATCH_FILE, so that a growing RSS can be told apart: bytes in use
// by the program (its data grows) or bytes the allocator holds free (fragmentation, arenas).
//
// One sample of bytes in use lands anywhere in the fleet's once-a-second work (the merged snapshot's
// histograms, a second's frames), which moves it by ±0.5 MB: more than an hour of a small leak. So bytes in
// use are also read ten times a second and the interval's lowest is written (in_use_floor_kib): what the
// fleet holds between its bursts, the figure whose slope tells growth.
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
    fprintf(out, "elapsed_s,arena_kib,in_use_kib,free_kib,mmap_kib,keepcost_kib,in_use_floor_kib\n");
    fflush(out);
    const struct timespec tenth = {0, 100000000};
    for (;;) {
        size_t floor = (size_t)-1;
        for (int step = 0; step < interval * 10; step++) {
            nanosleep(&tenth, NULL);
            struct mallinfo2 m = mallinfo2();
            // Large blocks are mapped apart from the arenas (hblkhd): in use all the same.
            size_t in_use = m.uordblks + m.hblkhd;
            if (in_use < floor) floor = in_use;
        }
        struct mallinfo2 m = mallinfo2();
        struct timespec now; clock_gettime(CLOCK_MONOTONIC, &now);
        fprintf(out, "%ld,%zu,%zu,%zu,%zu,%zu,%zu\n", (long)(now.tv_sec - start.tv_sec), m.arena / 1024,
                m.uordblks / 1024, m.fordblks / 1024, m.hblkhd / 1024, m.keepcost / 1024, floor / 1024);
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
