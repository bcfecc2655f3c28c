// The kernel's floor under issue #11's targets: the least a client and a server can spend on this machine to
// exchange small messages over loopback TCP, one socket per station, with no WebSocket, no OCPP and no Swift.
// Whatever this costs, `ocpp-fleet run` against `ocpp-fleet csms` cannot cost less; what it costs on top is ours.
//
//   floor serve PORT
//       one thread, one epoll (level-triggered, as our loops), SO_REUSEPORT so that several servers share the
//       port; for every REQUEST bytes received it sends ANSWER bytes back. Prints "ready" once listening.
//   floor paced PORT SOURCE CONNECTIONS RATE WARMUP SECONDS [SERVER_PID...]
//       connects CONNECTIONS sockets from SOURCE (a 127.x.y.z address, and the addresses after it), then sends RATE requests a second in
//       all, request k at start + k / RATE on socket k mod CONNECTIONS (a Heartbeat every CONNECTIONS / RATE
//       seconds per station), for WARMUP + SECONDS. Over the last SECONDS it measures the answers per second,
//       their latency from the moment each request was due (as `run` measures it: the loop's lateness
//       included), and the CPU per round trip of itself and of the SERVER_PIDs (/proc/PID/stat).
//   floor connect PORT SOURCE CONNECTIONS IN_FLIGHT RAMP
//       opens CONNECTIONS sockets, RAMP a second at most (0: as fast as it can), at most IN_FLIGHT at a time
//       being set up, and on each makes the five round trips
//       of a station's boot; prints the seconds it took, the
//       connections per second, its CPU per connection and the lateness of a 1 ms tick kept meanwhile (the
//       scheduler lag a station's timers would see), then holds the connections open until it is killed.
//
// Requests are 48 bytes (a masked Heartbeat CALL frame), answers 72 (its CALLRESULT with a date-time).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

// A Green'Up station's boot over a socket is five round trips: the WebSocket upgrade, its BootNotification and
// three StatusNotifications (connector 0 and its two sockets), as `run --profile idle` reports them.
enum { REQUEST = 48, ANSWER = 72, RING = 8, BATCH = 64, BOOT_ROUND_TRIPS = 5 };

static void fail(const char *what) {
    perror(what);
    exit(1);
}

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double cpu_of_self(double *user, double *system) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    *user = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
    *system = usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    return *user + *system;
}

// User and system seconds of a process, from fields 14 and 15 of /proc/PID/stat (after the command's ")").
static void cpu_of_process(int pid, double *user, double *system) {
    char path[64], text[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *file = fopen(path, "r");
    if (!file) fail(path);
    size_t length = fread(text, 1, sizeof text - 1, file);
    fclose(file);
    text[length] = 0;
    char *field = strrchr(text, ')') + 2;
    unsigned long long utime = 0, stime = 0;
    for (int index = 3; index <= 15 && field; index++) {
        if (index == 14) utime = strtoull(field, NULL, 10);
        if (index == 15) stime = strtoull(field, NULL, 10);
        field = strchr(field, ' ');
        if (field) field++;
    }
    double ticks = (double)sysconf(_SC_CLK_TCK);
    *user = utime / ticks;
    *system = stime / ticks;
}

// User and system seconds of several processes together.
static void cpu_of_processes(const int *pids, int count, double *user, double *system) {
    *user = 0;
    *system = 0;
    for (int index = 0; index < count; index++) {
        double one_user, one_system;
        cpu_of_process(pids[index], &one_user, &one_system);
        *user += one_user;
        *system += one_system;
    }
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double quantile(double *values, size_t count, double q) {
    if (count == 0) return 0;
    qsort(values, count, sizeof *values, compare_doubles);
    size_t index = (size_t)(q * (count - 1));
    return values[index];
}

static struct sockaddr_in address_of(const char *host, int port) {
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) fail(host);
    return address;
}

static void watch(int epoll, int fd, uint32_t events, uint64_t data, int operation) {
    struct epoll_event event = {.events = events, .data.u64 = data};
    if (epoll_ctl(epoll, operation, fd, &event) != 0) fail("epoll_ctl");
}

static _Noreturn void serve(int port) {
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(listener, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    setsockopt(listener, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in address = address_of("127.0.0.1", port);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0) fail("bind");
    if (listen(listener, 4096) != 0) fail("listen");
    int epoll = epoll_create1(0);
    watch(epoll, listener, EPOLLIN, (uint64_t)-1, EPOLL_CTL_ADD);
    size_t capacity = 65536;
    uint32_t *pending = calloc(capacity, sizeof *pending);
    static char buffer[65536], answers[ANSWER * 64];
    memset(answers, 'a', sizeof answers);
    printf("ready\n");
    fflush(stdout);
    struct epoll_event events[BATCH];
    for (;;) {
        int ready = epoll_wait(epoll, events, BATCH, -1);
        for (int index = 0; index < ready; index++) {
            if (events[index].data.u64 == (uint64_t)-1) {
                for (;;) {
                    int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
                    if (fd < 0) break;
                    if ((size_t)fd >= capacity) fail("too many connections");
                    pending[fd] = 0;
                    watch(epoll, fd, EPOLLIN, (uint64_t)fd, EPOLL_CTL_ADD);
                }
                continue;
            }
            int fd = (int)events[index].data.u64;
            ssize_t got = recv(fd, buffer, sizeof buffer, 0);
            if (got <= 0) {
                close(fd);
                continue;
            }
            pending[fd] += (uint32_t)got;
            uint32_t due = pending[fd] / REQUEST;
            pending[fd] %= REQUEST;
            while (due > 0) {
                uint32_t now = due < 64 ? due : 64;
                send(fd, answers, now * ANSWER, MSG_NOSIGNAL);
                due -= now;
            }
        }
    }
}

struct link {
    int fd;
    uint32_t received;
    uint8_t head, count, stage;
    double due[RING];
};

enum { PER_SOURCE = 2048 };

// Opens one non-blocking socket towards the server, its port left to the kernel at connect. Every PER_SOURCE
// sockets take the next source address after SOURCE: the kernel's search for a free local port grows with
// the ports one address already uses (connect's cost doubles between 5,000 and 15,000 from one address), and
// the floor is the cheapest the kernel can be.
static int open_link(int epoll, struct sockaddr_in *source, struct sockaddr_in *server, uint64_t index) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) fail("socket");
    int one = 1;
    setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in from = *source;
    from.sin_addr.s_addr = htonl(ntohl(source->sin_addr.s_addr) + (uint32_t)(index / PER_SOURCE));
    if (bind(fd, (struct sockaddr *)&from, sizeof from) != 0) fail("bind source");
    if (connect(fd, (struct sockaddr *)server, sizeof *server) != 0 && errno != EINPROGRESS) fail("connect");
    watch(epoll, fd, EPOLLIN | EPOLLOUT, index, EPOLL_CTL_ADD);
    return fd;
}

static const char request[REQUEST] = "[2,\"12345678901234567890\",\"Heartbeat\",{}]xxxxxx";

static int paced(int port, const char *source_host, size_t count, double rate, double warmup, double seconds,
                 int *servers, int server_count) {
    struct sockaddr_in server = address_of("127.0.0.1", port), source = address_of(source_host, 0);
    int epoll = epoll_create1(0);
    struct link *links = calloc(count, sizeof *links);
    for (size_t index = 0; index < count; index++) links[index].fd = open_link(epoll, &source, &server, index);
    struct epoll_event events[BATCH];
    for (size_t connected = 0; connected < count;) {
        int ready = epoll_wait(epoll, events, BATCH, 10000);
        if (ready <= 0) fail("connect timed out");
        for (int index = 0; index < ready; index++) {
            struct link *link = &links[events[index].data.u64];
            watch(epoll, link->fd, EPOLLIN, events[index].data.u64, EPOLL_CTL_MOD);
            connected++;
        }
    }
    static char buffer[65536];
    size_t capacity = (size_t)(rate * seconds * 1.2) + 1024, measured = 0;
    double *latencies = malloc(capacity * sizeof *latencies);
    double start = now_seconds(), window = start + warmup, end = window + seconds;
    double user0 = 0, system0 = 0, server_user0 = 0, server_system0 = 0;
    uint64_t sent = 0, answered = 0, late = 0;
    int measuring = 0;
    for (;;) {
        double now = now_seconds();
        if (!measuring && now >= window) {
            measuring = 1;
            cpu_of_self(&user0, &system0);
            cpu_of_processes(servers, server_count, &server_user0, &server_system0);
        }
        if (now >= end) break;
        for (double due = start + sent / rate; due <= now; due = start + sent / rate) {
            struct link *link = &links[sent % count];
            if (link->count < RING) {
                link->due[(link->head + link->count++) % RING] = due;
                send(link->fd, request, REQUEST, MSG_NOSIGNAL);
            } else {
                late++;
            }
            sent++;
        }
        double next = start + sent / rate;
        int timeout = (int)((next - now) * 1000 + 0.999);
        int ready = epoll_wait(epoll, events, BATCH, timeout < 0 ? 0 : timeout);
        if (ready < 0 && errno != EINTR) fail("epoll_wait");
        now = now_seconds();
        for (int index = 0; index < ready; index++) {
            struct link *link = &links[events[index].data.u64];
            ssize_t got = recv(link->fd, buffer, sizeof buffer, 0);
            if (got <= 0) fail("recv");
            link->received += (uint32_t)got;
            for (; link->received >= ANSWER && link->count > 0; link->received -= ANSWER) {
                double due = link->due[link->head];
                link->head = (link->head + 1) % RING;
                link->count--;
                if (measuring) {
                    answered++;
                    if (measured < capacity) latencies[measured++] = now - due;
                }
            }
        }
    }
    double user1, system1, server_user1, server_system1;
    cpu_of_self(&user1, &system1);
    cpu_of_processes(servers, server_count, &server_user1, &server_system1);
    double per = answered ? 1e6 / answered : 0;
    double p50 = quantile(latencies, measured, 0.5), p99 = quantile(latencies, measured, 0.99);
    printf("connections %zu rate %.0f answered/s %.0f latency_p50_ms %.2f latency_p99_ms %.2f "
           "client_us_per_rt %.2f (user %.2f system %.2f) server_us_per_rt %.2f (user %.2f system %.2f) "
           "not_sent %llu\n",
           count, rate, answered / seconds, p50 * 1e3, p99 * 1e3,
           ((user1 - user0) + (system1 - system0)) * per, (user1 - user0) * per, (system1 - system0) * per,
           ((server_user1 - server_user0) + (server_system1 - server_system0)) * per,
           (server_user1 - server_user0) * per, (server_system1 - server_system0) * per,
           (unsigned long long)late);
    return 0;
}

static int connect_all(int port, const char *source_host, size_t count, size_t in_flight, double ramp) {
    struct sockaddr_in server = address_of("127.0.0.1", port), source = address_of(source_host, 0);
    int epoll = epoll_create1(0);
    struct link *links = calloc(count, sizeof *links);
    static char buffer[65536];
    size_t capacity = 1 << 20, ticks = 0;
    double *lags = malloc(capacity * sizeof *lags);
    struct epoll_event events[BATCH];
    double user0, system0, user1, system1;
    cpu_of_self(&user0, &system0);
    double start = now_seconds(), tick = start + 0.001;
    size_t opened = 0, done = 0;
    while (done < count) {
        double now = now_seconds();
        size_t allowed = ramp > 0 ? (size_t)((now - start) * ramp) + 1 : count;
        while (opened < count && opened < allowed && opened - done < in_flight) {
            links[opened].fd = open_link(epoll, &source, &server, opened);
            opened++;
        }
        now = now_seconds();
        if (now >= tick) {
            if (ticks < capacity) lags[ticks++] = now - tick;
            while (tick <= now) tick += 0.001;
        }
        double wake = tick;
        if (opened < count && opened - done < in_flight && ramp > 0 && start + opened / ramp < wake)
            wake = start + opened / ramp;
        int timeout = (int)((wake - now) * 1000 + 0.999);
        int ready = epoll_wait(epoll, events, BATCH, timeout < 0 ? 0 : timeout);
        if (ready < 0 && errno != EINTR) fail("epoll_wait");
        for (int index = 0; index < ready; index++) {
            struct link *link = &links[events[index].data.u64];
            if (link->stage == 0) {
                watch(epoll, link->fd, EPOLLIN, events[index].data.u64, EPOLL_CTL_MOD);
                send(link->fd, request, REQUEST, MSG_NOSIGNAL);
                link->stage = 1;
                continue;
            }
            ssize_t got = recv(link->fd, buffer, sizeof buffer, 0);
            if (got <= 0) fail("recv");
            link->received += (uint32_t)got;
            if (link->received < ANSWER) continue;
            link->received -= ANSWER;
            if (link->stage < BOOT_ROUND_TRIPS) {
                send(link->fd, request, REQUEST, MSG_NOSIGNAL);
                link->stage++;
            } else {
                link->stage = BOOT_ROUND_TRIPS + 1;
                done++;
            }
        }
    }
    double seconds = now_seconds() - start;
    cpu_of_self(&user1, &system1);
    printf("connections %zu seconds %.3f per_second %.0f client_us_per_connection %.1f (user %.1f system %.1f) "
           "tick_lag_p50_ms %.2f tick_lag_p99_ms %.2f\n",
           count, seconds, count / seconds, ((user1 - user0) + (system1 - system0)) * 1e6 / count,
           (user1 - user0) * 1e6 / count, (system1 - system0) * 1e6 / count, quantile(lags, ticks, 0.5) * 1e3,
           quantile(lags, ticks, 0.99) * 1e3);
    fflush(stdout);
    pause();
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "serve") == 0) serve(atoi(argv[2]));
    if (argc >= 8 && strcmp(argv[1], "paced") == 0) {
        int servers[64], server_count = 0;
        for (int index = 8; index < argc && server_count < 64; index++) servers[server_count++] = atoi(argv[index]);
        return paced(atoi(argv[2]), argv[3], strtoull(argv[4], NULL, 10), atof(argv[5]), atof(argv[6]),
                     atof(argv[7]), servers, server_count);
    }
    if (argc == 7 && strcmp(argv[1], "connect") == 0)
        return connect_all(atoi(argv[2]), argv[3], strtoull(argv[4], NULL, 10), strtoull(argv[5], NULL, 10),
                           atof(argv[6]));
    fprintf(stderr, "usage: floor serve PORT | floor paced PORT SOURCE CONNECTIONS RATE WARMUP SECONDS [PID...] |"
                    " floor connect PORT SOURCE CONNECTIONS IN_FLIGHT RAMP\n");
    return 2;
}
